package io.edgefleet.cli.resolve;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code edgefleet resolve}: what each device would run, decided offline from YAML files. */
@Command(
    name = "resolve",
    mixinStandardHelpOptions = true,
    description = {
      "Decides, offline, what every device runs: reads EdgeDevice and EdgeDeployment objects (and"
          + " generated ConfigMaps, as the devices' current configuration) from YAML or JSON files"
          + " and directories, and prints each device's configuration and each deployment's"
          + " counts.",
      "Every EdgeDevice and EdgeDeployment is checked as the API server would (schema, CEL"
          + " rules, unknown fields); lists are unwrapped; other kinds are ignored (and counted on"
          + " stderr).",
      "Exit code: 0 when everything is valid; 1 when the API server would refuse an object, a"
          + " deployment is invalid or a configuration is too large for its ConfigMap; 2 for usage"
          + " or unreadable input."
    })
public final class ResolveCommand implements Callable<Integer> {

  @Option(
      names = {"-o", "--output"},
      defaultValue = "table",
      description = "table (for people) or json (for scripts). Default: ${DEFAULT-VALUE}.")
  String output;

  @Option(names = "--device", description = "Only this device (deployments are all shown).")
  String device;

  @Option(
      names = "--namespace",
      defaultValue = "default",
      description = "Namespace of objects that name none. Default: ${DEFAULT-VALUE}.")
  String namespace;

  @Option(
      names = "--exclude",
      paramLabel = "GLOB",
      description =
          "Leave out paths under a directory that match GLOB (relative to the directory, e.g."
              + " 'argocd/**'); repeatable. Helm charts, hidden paths and YAML that is not a"
              + " Kubernetes object are left out anyway, with a note.")
  List<String> excludes = new ArrayList<>();

  @Parameters(
      arity = "1..*",
      paramLabel = "PATH",
      description = "Files or directories (recursive).")
  List<Path> paths;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    return new Resolver(namespace)
        .run(paths, excludes, device, output, System.out, spec.commandLine().getErr());
  }
}
