package io.edgefleet.sandbox;

import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The EdgeFleet CRDs, as the api jar packages them under {@code META-INF/edgefleet/crds/}. */
public final class EdgeFleetCrds {

  private static final List<Class<? extends HasMetadata>> KINDS =
      List.of(EdgeDevice.class, EdgeDeployment.class);

  private EdgeFleetCrds() {}

  /** The CRDs' YAML, EdgeDevice first. */
  public static List<String> yaml() {
    List<String> crds = new ArrayList<>();
    for (Class<? extends HasMetadata> kind : KINDS) {
      String resource =
          "META-INF/edgefleet/crds/"
              + HasMetadata.getPlural(kind)
              + "."
              + HasMetadata.getGroup(kind)
              + "-v1.yml";
      try (InputStream in = EdgeFleetCrds.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException(resource + " is not on the class path");
        }
        crds.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return crds;
  }
}
