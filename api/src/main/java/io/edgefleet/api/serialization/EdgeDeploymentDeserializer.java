package io.edgefleet.api.serialization;

import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.EdgeDeploymentSpec;
import io.edgefleet.api.v1alpha1.EdgeDeploymentStatus;

/** Reads an EdgeDeployment tolerantly. Its status is the operator's alone: nothing is salvaged. */
public final class EdgeDeploymentDeserializer
    extends TolerantResourceDeserializer<EdgeDeploymentSpec, EdgeDeploymentStatus, EdgeDeployment> {

  public EdgeDeploymentDeserializer() {
    super(
        EdgeDeployment.class,
        EdgeDeployment::new,
        EdgeDeploymentSpec.class,
        EdgeDeploymentStatus.class);
  }

  @Override
  protected EdgeDeploymentStatus salvageStatus(JsonNode status, ObjectCodec codec) {
    return new EdgeDeploymentStatus();
  }
}
