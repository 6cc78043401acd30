package io.edgefleet.cli.rollout;

import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code edgefleet rollout pause}: sets {@code spec.rollout.paused}. */
@Command(
    name = "pause",
    mixinStandardHelpOptions = true,
    description =
        "Pauses the rollout (spec.rollout.paused: true): no more devices are admitted; the"
            + " admitted ones keep what they got. Undone by resume.")
final class RolloutPauseCommand implements Callable<Integer> {

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
      Deployments.requireRollout(current, "pause");
      if (Boolean.TRUE.equals(current.getSpec().getRollout().getPaused())) {
        out.println(ref + " is already paused");
        return 0;
      }
      Deployments.resource(client, namespace, ref)
          .patch(
              PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"rollout\":{\"paused\":true}}}");
      out.println(ref + " paused: no more devices are admitted until it is resumed");
      Deployments.warnIfArgoCd(current, "The pause", out);
      return 0;
    }
  }
}
