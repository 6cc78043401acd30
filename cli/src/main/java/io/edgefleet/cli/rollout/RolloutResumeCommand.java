package io.edgefleet.cli.rollout;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.RolloutSpec;
import io.edgefleet.api.v1alpha1.RolloutStatus;
import io.edgefleet.engine.rollout.Revisions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.PrintWriter;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code edgefleet rollout resume}: unpauses the rollout and lifts its halt (docs/rollouts.md): the
 * halt is lifted by annotating the deployment with the halt's time, so that the operator accepts
 * the failures counted so far and halts again only at failures beyond them.
 */
@Command(
    name = "resume",
    mixinStandardHelpOptions = true,
    description = {
      "Resumes the rollout: sets spec.rollout.paused to false, and when the rollout is halted"
          + " lifts the halt (annotation "
          + RolloutSpec.RESUME_ANNOTATION
          + "): the failures so far are accepted, devices are admitted again, and the rollout"
          + " halts again when failures beyond them reach maxFailures."
    })
final class RolloutResumeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ClusterOptions cluster;

  @Parameters(paramLabel = "DEPLOYMENT", description = "NAME or edep/NAME.")
  String deployment;

  @Override
  public Integer call() {
    DeploymentRef ref = DeploymentRef.parse(deployment);
    PrintWriter out = spec.commandLine().getOut();
    try (KubernetesClient client = cluster.connect("edgefleet-rollout")) {
      String namespace = cluster.namespace(client);
      EdgeDeployment current = Deployments.get(client, namespace, ref);
      Deployments.requireRollout(current, "resume");
      boolean paused = Boolean.TRUE.equals(current.getSpec().getRollout().getPaused());
      RolloutStatus rollout = current.getStatus() == null ? null : current.getStatus().getRollout();
      boolean halted =
          rollout != null
              && RolloutStatus.HALTED.equals(rollout.getPhase())
              && rollout.getHaltedAt() != null
              && Objects.equals(rollout.getRevisionHash(), Revisions.hash(current.getSpec()));
      if (!paused && !halted) {
        out.println(ref + " is neither paused nor halted: nothing to resume");
        return 0;
      }
      ObjectNode patch = JsonNodeFactory.instance.objectNode();
      if (paused) {
        patch.putObject("spec").putObject("rollout").put("paused", false);
      }
      if (halted) {
        patch
            .putObject("metadata")
            .putObject("annotations")
            .put(RolloutSpec.RESUME_ANNOTATION, rollout.getHaltedAt());
      }
      Deployments.resource(client, namespace, ref)
          .patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
      if (paused) {
        out.println(ref + " resumed: devices are admitted again");
      }
      if (halted) {
        out.println(
            ref
                + ": the halt of "
                + rollout.getHaltedAt()
                + " ("
                + rollout.getHaltReason()
                + ") is lifted: its "
                + (rollout.getFailed() == null ? 0 : rollout.getFailed())
                + " failed devices are accepted, devices are admitted again, and the rollout halts"
                + " again when more fail");
      }
      if (paused) {
        Deployments.warnIfArgoCd(current, "Unpausing", out);
      }
      return 0;
    }
  }
}
