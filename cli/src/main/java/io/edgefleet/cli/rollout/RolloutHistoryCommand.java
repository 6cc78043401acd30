package io.edgefleet.cli.rollout;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.cli.TextTable;
import io.edgefleet.engine.rollout.Revisions;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code edgefleet rollout history}: the stored revisions of a deployment. */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description = {
      "Lists the deployment's stored revisions, oldest first: number, content hash, change cause"
          + " (the deployment's kubernetes.io/change-cause annotation when the revision was"
          + " made), devices holding it, and which one the spec holds now (*).",
      "--revision N prints that revision's content instead."
    })
final class RolloutHistoryCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ClusterOptions cluster;

  @Parameters(paramLabel = "DEPLOYMENT", description = "NAME or edep/NAME.")
  String deployment;

  @Option(
      names = "--revision",
      paramLabel = "N",
      defaultValue = "0",
      description = "Print the content of revision N.")
  long revision;

  @Override
  public Integer call() {
    DeploymentRef ref = DeploymentRef.parse(deployment);
    PrintWriter out = spec.commandLine().getOut();
    try (KubernetesClient client = cluster.connect("edgefleet-rollout")) {
      String namespace = cluster.namespace(client);
      EdgeDeployment current = Deployments.get(client, namespace, ref);
      RevisionLog log = RevisionLog.read(client, current);
      if (revision > 0) {
        RevisionLog.Entry entry = log.number(revision);
        if (entry == null) {
          throw new IllegalArgumentException(ref + " has no revision " + revision);
        }
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.set("spec", entry.content());
        out.println(ref + " revision " + entry.number() + " (" + entry.name() + "):");
        out.print(RolloutUndoCommand.yaml(root));
        out.flush();
        return 0;
      }
      if (log.entries().isEmpty()) {
        out.println(
            ref
                + " has no stored revisions (the operator records one per content; it has not yet,"
                + " or cannot store ControllerRevisions here)");
        return 0;
      }
      String hashNow = Revisions.hash(current.getSpec());
      TextTable table = new TextTable("REVISION", "HASH", "DEVICES", "CHANGE-CAUSE");
      for (RevisionLog.Entry entry : log.entries()) {
        table.row(
            entry.number() + (entry.hash().equals(hashNow) ? "*" : ""),
            entry.hash(),
            entry.devices() == null ? "-" : String.valueOf(entry.devices()),
            entry.changeCause() == null ? "<none>" : entry.changeCause());
      }
      out.println(ref + " (* the content the spec holds now)");
      out.print(table.render());
      out.flush();
      return 0;
    }
  }
}
