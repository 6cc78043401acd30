package io.edgefleet.cli.resolve;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code edgefleet resolve}: what each device would run, decided offline from YAML files. */
@Command(
    name = "resolve",
    mixinStandardHelpOptions = true,
    description = {
      "Decides, offline, what every device runs: reads EdgeDevice and EdgeDeployment objects (and"
          + " generated ConfigMaps, as the devices' current configuration) from YAML or JSON files"
          + " and directories, and prints each device's configuration and each deployment's"
          + " counts.",
      "Exit code: 0 when every deployment is valid, 1 when any is invalid, 2 for usage or I/O"
          + " errors."
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

  @Parameters(
      arity = "1..*",
      paramLabel = "PATH",
      description = "Files or directories (recursive).")
  List<Path> paths;

  @Override
  public Integer call() throws Exception {
    return new Resolver(namespace).run(paths, device, output, System.out);
  }
}
