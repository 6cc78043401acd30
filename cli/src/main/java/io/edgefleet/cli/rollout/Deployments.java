package io.edgefleet.cli.rollout;

import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.io.PrintWriter;

/** Reading and announcing the deployment a rollout command works on. */
final class Deployments {

  private Deployments() {}

  /** The deployment's resource in {@code namespace}. */
  static Resource<EdgeDeployment> resource(
      KubernetesClient client, String namespace, DeploymentRef ref) {
    return client.resources(EdgeDeployment.class).inNamespace(namespace).withName(ref.name());
  }

  /** The deployment as stored; an error naming it and the namespace when there is none. */
  static EdgeDeployment get(KubernetesClient client, String namespace, DeploymentRef ref) {
    EdgeDeployment deployment = resource(client, namespace, ref).get();
    if (deployment == null) {
      throw new IllegalArgumentException(
          "no EdgeDeployment " + ref.name() + " in namespace " + namespace);
    }
    return deployment;
  }

  /** An error when the deployment has no {@code spec.rollout} ({@code what}: pause, resume). */
  static void requireRollout(EdgeDeployment deployment, String what) {
    if (deployment.getSpec() == null || deployment.getSpec().getRollout() == null) {
      throw new IllegalArgumentException(
          "edep/"
              + deployment.getMetadata().getName()
              + " has no spec.rollout: its changes reach every device at once, there is nothing to "
              + what
              + " (docs/rollouts.md)");
    }
  }

  /**
   * Warns, when Argo CD manages the deployment, that a change made here is not in Git (its
   * automated sync with selfHeal puts the Git content back).
   */
  static void warnIfArgoCd(EdgeDeployment deployment, String change, PrintWriter out) {
    ArgoCdTracking argo = ArgoCdTracking.of(deployment);
    if (argo != null) {
      out.println(
          "warning: edep/"
              + deployment.getMetadata().getName()
              + " is managed by Argo CD (application "
              + argo.application()
              + "): Git is the source of truth. "
              + change
              + " here is not in Git, and an automated sync with selfHeal puts Git's version back;"
              + " make the same change in Git.");
    }
  }
}
