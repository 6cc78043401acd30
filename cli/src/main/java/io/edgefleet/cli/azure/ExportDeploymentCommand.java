package io.edgefleet.cli.azure;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.EdgeFleetApi;
import io.edgefleet.cli.resolve.ManifestFiles;
import io.edgefleet.engine.azure.AzureExport;
import io.edgefleet.engine.azure.AzureFormatException;
import io.edgefleet.engine.model.DeploymentSource;
import io.edgefleet.operator.fleet.DeploymentCatalog;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code edgefleet export deployment}: an EdgeDeployment as an Azure configuration object. */
@Command(
    name = "deployment",
    mixinStandardHelpOptions = true,
    description = {
      "Writes an EdgeDeployment as the Azure configuration object that 'az iot edge deployment"
          + " create --content' and the portal read (layered ones with sub-path keys), read from"
          + " files (the Secrets its registry credentials name may be among them) or from the"
          + " cluster (a kubeconfig context, its namespace unless -n says another).",
      "Exit code: 0 on success, 1 when the deployment cannot be written in Azure's format (the"
          + " message says why), 2 for usage or I/O errors."
    })
public final class ExportDeploymentCommand implements Callable<Integer> {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--cluster",
      paramLabel = "NAME",
      description = "Read the EdgeDeployment NAME from the cluster instead of files.")
  String cluster;

  @Option(
      names = "--name",
      description = "Which EdgeDeployment of the files (needed when they hold several).")
  String name;

  @Mixin ExportSourceOptions source;

  @Parameters(arity = "0..*", paramLabel = "FILE", description = "Files or directories.")
  List<Path> paths = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if ((cluster == null) == paths.isEmpty()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "give FILE... or --cluster NAME (one of the two)");
    }
    if (cluster != null) {
      try (KubernetesClient client = source.client()) {
        String namespace = source.namespace(client);
        EdgeDeployment deployment =
            client.resources(EdgeDeployment.class).inNamespace(namespace).withName(cluster).get();
        if (deployment == null) {
          throw new IOException("EdgeDeployment " + namespace + "/" + cluster + " not found");
        }
        ExportInputs inputs = ExportInputs.cluster(client, namespace);
        return write(deployment, inputs.secrets(namespace), out, err);
      }
    }
    ExportInputs inputs = ExportInputs.files(paths);
    List<EdgeDeployment> found = new ArrayList<>();
    for (ManifestFiles.Document document : inputs.documents()) {
      var object = document.object();
      if (EdgeFleetApi.API_VERSION.equals(object.path("apiVersion").asText())
          && "EdgeDeployment".equals(object.path("kind").asText())
          && (name == null || name.equals(object.path("metadata").path("name").asText()))) {
        found.add(MAPPER.treeToValue(object, EdgeDeployment.class));
      }
    }
    if (found.size() != 1) {
      throw new IOException(
          found.isEmpty()
              ? "no EdgeDeployment" + (name == null ? "" : " named " + name) + " in the files"
              : "the files hold " + found.size() + " EdgeDeployments: pick one with --name");
    }
    EdgeDeployment deployment = found.get(0);
    String namespace = source.filesNamespace();
    if (deployment.getMetadata().getNamespace() == null) {
      deployment.getMetadata().setNamespace(namespace);
    }
    return write(deployment, inputs.secrets(namespace), out, err);
  }

  private static int write(
      EdgeDeployment deployment, AzureExport.SecretLookup secrets, PrintWriter out, PrintWriter err)
      throws IOException {
    DeploymentSource source = DeploymentCatalog.source(deployment);
    try {
      ObjectNode configuration =
          AzureExport.deployment(source, deployment.getMetadata().getLabels(), secrets);
      String json = AzureJson.JSON.writeValueAsString(configuration);
      if (json.contains("${")) {
        err.println(
            "edgefleet export: EdgeDeployment "
                + source.name()
                + " has per-device parameters (${...}): IoT Hub does not fill them in, so an Azure"
                + " device would receive them as written; import turns them back into parameters");
        err.flush();
      }
      out.println(json);
      out.flush();
      return 0;
    } catch (AzureFormatException e) {
      err.println("edgefleet export: EdgeDeployment " + source.name() + ": " + e.getMessage());
      err.flush();
      return ImportCommand.UNREPRESENTABLE;
    }
  }
}
