package io.edgefleet.api.crd;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.EdgeDeploymentSpec;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.edgefleet.api.v1alpha1.EdgeFleetApi;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Build-time step: generates the CRDs from the API types with fabric8's CRD generator, then keeps
 * what the generator does not: printer columns in the order they are declared on the class (Age
 * last), the kind's description at the root of the schema, and the limits on map values that
 * annotations cannot express (declared as constants on {@link EdgeDeploymentSpec}).
 *
 * <p>Run by the api module's build at {@code process-classes}; the output is packaged under {@code
 * META-INF/edgefleet/crds/} and must equal the committed copies in {@code crds/} (a test checks).
 */
public final class CrdGeneration {

  /** The custom resource classes, in the order their CRDs are documented. */
  public static final List<Class<? extends HasMetadata>> KINDS =
      List.of(EdgeDevice.class, EdgeDeployment.class);

  private CrdGeneration() {}

  /**
   * Generates the CRDs into {@code args[0]}.
   *
   * @param args the output directory
   */
  public static void main(String[] args) {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: CrdGeneration <output-dir>");
    }
    File out = new File(args[0]);
    if (!out.isDirectory() && !out.mkdirs()) {
      throw new IllegalStateException("cannot create " + out);
    }
    int written =
        new CRDGenerator()
            .customResourceClasses(KINDS)
            .forCRDVersions("v1")
            .withPostProcessor(new DeclaredOrder())
            .inOutputDir(out)
            .generate();
    if (written != KINDS.size()) {
      throw new IllegalStateException("expected " + KINDS.size() + " CRDs, wrote " + written);
    }
  }

  /** Restores declaration order of printer columns and adds the kind's description. */
  private static final class DeclaredOrder implements CRDPostProcessor {
    private static final Map<String, Class<? extends HasMetadata>> BY_KIND =
        Map.of("EdgeDevice", EdgeDevice.class, "EdgeDeployment", EdgeDeployment.class);

    @Override
    public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
      CustomResourceDefinition definition = (CustomResourceDefinition) crd;
      Class<? extends HasMetadata> type = BY_KIND.get(definition.getSpec().getNames().getKind());
      if (type == null) {
        return crd;
      }
      List<String> declared =
          Arrays.stream(type.getAnnotationsByType(AdditionalPrinterColumn.class))
              .map(AdditionalPrinterColumn::name)
              .toList();
      JsonClassDescription description = type.getAnnotation(JsonClassDescription.class);
      for (CustomResourceDefinitionVersion version : definition.getSpec().getVersions()) {
        List<CustomResourceColumnDefinition> columns =
            new ArrayList<>(version.getAdditionalPrinterColumns());
        columns.sort(Comparator.comparingInt(column -> declared.indexOf(column.getName())));
        version.setAdditionalPrinterColumns(columns);
        if (description != null) {
          version.getSchema().getOpenAPIV3Schema().setDescription(description.value());
        }
        if (type == EdgeDeployment.class) {
          limitMapValues(version.getSchema().getOpenAPIV3Schema());
        }
      }
      return crd;
    }

    /** See the constants on {@link EdgeDeploymentSpec}. */
    private static void limitMapValues(JSONSchemaProps root) {
      JSONSchemaProps spec = root.getProperties().get("spec");
      JSONSchemaProps twinPaths =
          spec.getProperties().get("moduleTwins").getAdditionalProperties().getSchema();
      twinPaths.setMaxProperties(EdgeDeploymentSpec.MAX_TWIN_PATHS_PER_MODULE);
      twinPaths.getAdditionalProperties().getSchema().setType(EdgeDeploymentSpec.TWIN_VALUE_TYPE);
      spec.getProperties()
          .get("metrics")
          .getAdditionalProperties()
          .getSchema()
          .setMaxLength(EdgeDeploymentSpec.MAX_METRIC_QUERY_LENGTH);
      JSONSchemaProps metricCounts =
          root.getProperties()
              .get("status")
              .getProperties()
              .get("metrics")
              .getAdditionalProperties()
              .getSchema();
      metricCounts.setMinimum(0.0);
      metricCounts.setMaximum(EdgeFleetApi.MAX_COUNT);
      bareIntOrString(root);
    }

    /**
     * Int-or-string fields as the API server documents them: {@code x-kubernetes-int-or-string}
     * alone, without the generator's {@code anyOf} of the two types.
     */
    private static void bareIntOrString(JSONSchemaProps schema) {
      if (Boolean.TRUE.equals(schema.getXKubernetesIntOrString())) {
        schema.setAnyOf(new ArrayList<>());
      }
      if (schema.getProperties() != null) {
        schema.getProperties().values().forEach(DeclaredOrder::bareIntOrString);
      }
      if (schema.getItems() != null && schema.getItems().getSchema() != null) {
        bareIntOrString(schema.getItems().getSchema());
      }
    }
  }
}
