package io.edgefleet.cli.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.engine.azure.AzureFormatException;
import io.edgefleet.engine.azure.AzureImport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code edgefleet import}: Azure IoT Edge deployments to EdgeDeployment YAML. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Converts Azure IoT Edge deployments to EdgeDeployment YAML on stdout, one document per"
          + " file: configuration objects as 'az iot edge deployment show' prints them, or bare"
          + " manifests (modulesContent), standard or layered. Options supply what a bare"
          + " manifest lacks and override what a configuration object says.",
      "Registry passwords go to --secrets-out as Secret YAML, never into the EdgeDeployment.",
      "Exit code: 0 when every file was converted, 1 when one holds something EdgeFleet cannot"
          + " represent (the message names its JSON path; nothing is written), 2 for usage or I/O"
          + " errors."
    })
public final class ImportCommand implements Callable<Integer> {

  /** Exit code when a manifest cannot be represented. */
  public static final int UNREPRESENTABLE = 1;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = {"-n", "--namespace"},
      description = "metadata.namespace of the EdgeDeployments and Secrets (default: none).")
  String namespace;

  @Option(names = "--name", description = "The deployment name (default: the configuration's id).")
  String name;

  @Option(
      names = "--target-condition",
      description = "The target condition (default: the configuration's).")
  String targetCondition;

  @Option(names = "--priority", description = "The priority (default: the configuration's).")
  Integer priority;

  @Option(
      names = "--secrets-out",
      paramLabel = "FILE",
      description = "Where to write the registry credentials' Secrets (YAML).")
  Path secretsOut;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Azure deployment JSON files.")
  List<Path> files;

  @Override
  public Integer call() throws IOException {
    return run(spec.commandLine().getOut(), spec.commandLine().getErr());
  }

  int run(PrintWriter out, PrintWriter err) throws IOException {
    if (name != null && files.size() > 1) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--name names one deployment: give one FILE with it");
    }
    AzureImport.Options options =
        new AzureImport.Options(namespace, name, targetCondition, priority);
    List<AzureImport.Result> results = new ArrayList<>();
    for (Path file : files) {
      JsonNode document = AzureJson.read(file);
      try {
        results.add(AzureImport.convert(document, options));
      } catch (AzureFormatException e) {
        err.println("edgefleet import: " + file + ": " + e.getMessage());
        err.flush();
        return UNREPRESENTABLE;
      }
    }
    List<AzureImport.RegistrySecret> secrets = new ArrayList<>();
    for (AzureImport.RegistrySecret secret :
        results.stream().flatMap(r -> r.secrets().stream()).toList()) {
      AzureImport.RegistrySecret same = sameName(secrets, secret);
      if (same == null) {
        secrets.add(secret);
      } else if (!same.username().equals(secret.username())
          || !same.password().equals(secret.password())
          || !same.address().equals(secret.address())) {
        err.println(
            "edgefleet import: two registry credentials name the Secret "
                + secret.secretName()
                + " with different addresses, user names or passwords: rename one (label "
                + AzureImport.SECRET_NAME_LABEL
                + "<credential>, or import them apart)");
        err.flush();
        return UNREPRESENTABLE;
      }
    }
    if (!secrets.isEmpty() && secretsOut == null) {
      AzureImport.RegistrySecret first = secrets.get(0);
      err.println(
          "edgefleet import: the manifest holds registry passwords (credential "
              + first.credential()
              + " for "
              + first.address()
              + "): pass --secrets-out FILE to write them as Secrets");
      err.flush();
      return UNREPRESENTABLE;
    }
    StringBuilder yaml = new StringBuilder();
    for (AzureImport.Result result : results) {
      if (yaml.length() > 0) {
        yaml.append("---\n");
      }
      yaml.append(AzureJson.yaml(result.deployment()));
      for (String note : result.notes()) {
        err.println(
            "edgefleet import: "
                + result.deployment().path("metadata").path("name").asText()
                + ": "
                + note);
      }
    }
    if (!secrets.isEmpty()) {
      Files.writeString(secretsOut, secretsYaml(secrets), StandardCharsets.UTF_8);
      err.println(
          "edgefleet import: WARNING: "
              + secretsOut
              + " holds "
              + secrets.size()
              + " registry password(s) in clear text: apply it with kubectl and keep it out of"
              + " Git (or seal it first)");
    }
    out.print(yaml);
    out.flush();
    err.flush();
    return 0;
  }

  /** The Secret already collected under the same name and namespace, or null. */
  private static AzureImport.RegistrySecret sameName(
      List<AzureImport.RegistrySecret> secrets, AzureImport.RegistrySecret secret) {
    for (AzureImport.RegistrySecret other : secrets) {
      if (other.secretName().equals(secret.secretName())
          && Objects.equals(other.namespace(), secret.namespace())) {
        return other;
      }
    }
    return null;
  }

  /** The Secrets as YAML: type kubernetes.io/basic-auth with username and password. */
  static String secretsYaml(List<AzureImport.RegistrySecret> secrets) throws IOException {
    StringBuilder yaml = new StringBuilder();
    for (AzureImport.RegistrySecret secret : secrets) {
      ObjectNode object = JsonNodeFactory.instance.objectNode();
      object.put("apiVersion", "v1");
      object.put("kind", "Secret");
      ObjectNode metadata = object.putObject("metadata");
      metadata.put("name", secret.secretName());
      if (secret.namespace() != null) {
        metadata.put("namespace", secret.namespace());
      }
      metadata.putObject("annotations").put("edgefleet.io/registry-address", secret.address());
      object.put("type", "kubernetes.io/basic-auth");
      ObjectNode data = object.putObject("stringData");
      data.put("username", secret.username());
      data.put("password", secret.password());
      if (yaml.length() > 0) {
        yaml.append("---\n");
      }
      yaml.append(AzureJson.yaml(object));
    }
    return yaml.toString();
  }
}
