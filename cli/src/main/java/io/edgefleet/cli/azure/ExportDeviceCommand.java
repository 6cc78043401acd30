package io.edgefleet.cli.azure;

import io.edgefleet.cli.resolve.Resolver;
import io.edgefleet.engine.azure.AzureExport;
import io.edgefleet.engine.azure.AzureFormatException;
import io.edgefleet.engine.resolve.DeviceDecision;
import io.edgefleet.engine.resolve.NamespaceResolution;
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

/**
 * {@code edgefleet export device}: a device's configuration for {@code az iot edge set-modules}.
 */
@Command(
    name = "device",
    mixinStandardHelpOptions = true,
    description = {
      "Writes the configuration a device runs, resolved as 'edgefleet resolve' (and the operator)"
          + " decide it, as the {\"modulesContent\": ...} that 'az iot edge set-modules --content'"
          + " accepts: createOptions as strings, chunked at IoT Edge's 512-character limit;"
          + " registry credentials with the user names and passwords of their Secrets.",
      "Exit code: 0 on success, 1 when the device has no configuration decided by its deployments"
          + " or a Secret is missing, 2 for usage or I/O errors."
    })
public final class ExportDeviceCommand implements Callable<Integer> {

  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME", description = "The EdgeDevice.")
  String device;

  @Parameters(
      index = "1..*",
      arity = "0..*",
      paramLabel = "FILE",
      description = "Files or directories with the devices, deployments and Secrets.")
  List<Path> paths = new ArrayList<>();

  @Option(names = "--cluster", description = "Read from the cluster instead of files.")
  boolean cluster;

  @Mixin ExportSourceOptions source;

  @Override
  public Integer call() throws IOException {
    if (cluster == !paths.isEmpty()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "give FILE... or --cluster (one of the two)");
    }
    if (cluster) {
      try (KubernetesClient client = source.client()) {
        String namespace = source.namespace(client);
        return write(ExportInputs.cluster(client, namespace), namespace);
      }
    }
    return write(ExportInputs.files(paths), source.filesNamespace());
  }

  private int write(ExportInputs inputs, String namespace) throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Resolver resolver = new Resolver(namespace);
    List<NamespaceResolution> resolutions = Resolver.resolve(resolver.read(inputs.documents()));
    for (NamespaceResolution resolution : resolutions) {
      if (!resolution.namespace().equals(namespace)) {
        continue;
      }
      for (DeviceDecision decision : resolution.decisions()) {
        if (!decision.device().name().equals(device)) {
          continue;
        }
        if (decision.configuration() == null) {
          err.println(
              "edgefleet export: device "
                  + device
                  + " has no configuration decided by its deployments ("
                  + decision.outcome()
                  + "); see edgefleet resolve");
          err.flush();
          return ImportCommand.UNREPRESENTABLE;
        }
        try {
          out.println(
              AzureJson.JSON.writeValueAsString(
                  AzureExport.device(
                      decision.configuration(), namespace, inputs.secrets(namespace))));
          out.flush();
          return 0;
        } catch (AzureFormatException e) {
          err.println("edgefleet export: device " + device + ": " + e.getMessage());
          err.flush();
          return ImportCommand.UNREPRESENTABLE;
        }
      }
    }
    throw new IOException("no EdgeDevice " + namespace + "/" + device + " in the inputs");
  }
}
