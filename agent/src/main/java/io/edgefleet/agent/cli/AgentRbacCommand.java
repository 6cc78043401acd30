package io.edgefleet.agent.cli;

import io.edgefleet.agent.rbac.AgentRbac;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code edgefleet agent-rbac}: prints the least-privilege RBAC of one device's agent. */
@Command(
    name = "agent-rbac",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the ServiceAccount, Role and RoleBinding for one device's agent: read its own"
          + " ConfigMap, registry Secret and EdgeDevice, patch that EdgeDevice's status; nothing"
          + " else.",
      "Apply with: edgefleet agent-rbac --device NAME --namespace NS | kubectl apply -f -"
    })
public final class AgentRbacCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--device", required = true, description = "The EdgeDevice's name.")
  String device;

  @Option(
      names = "--namespace",
      defaultValue = "default",
      description = "The EdgeDevice's namespace (default: ${DEFAULT-VALUE}).")
  String namespace;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(AgentRbac.yaml(namespace, device));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
