package io.edgefleet.cli.demo;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.edgefleet.cli.rollout.RolloutUndoCommand;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;

/**
 * The scenarios of the source document, played on the campus example (examples/README.md says what
 * each device runs at the start). Each shows the kubectl command a person would type; the demo
 * sends exactly that patch.
 */
final class Scenarios {

  static final String NS = "campus";

  /** Where the RoomDisplay twin's display name is in a device's manifest. */
  private static final String DISPLAY_NAME =
      "/modulesContent/RoomDisplay/properties.desired/displayName";

  /** An image that fails to start on every simulated device (the demo's agents are told so). */
  static final String BROKEN_IMAGE = "contoso.azurecr.io/filter-module:1.1-broken";

  /** The devices prod-base configures once the scenarios before the rollout have run. */
  private static final List<String> PROD =
      List.of(
          "b20-f1-lobby", "b20-f2-conf-01", "b20-f2-conf-02", "b20-f3-office", "b21-f2-kitchen");

  private Scenarios() {}

  /** What the campus converges to after examples/ is applied. */
  static List<String> initial(FleetSnapshot before, FleetSnapshot now) {
    return Expect.of(before, now)
        .runs("b20-f1-lobby", "prod-base", "model-4000x-vibration", "b20-sensor-tuning")
        .runs(
            "b20-f2-conf-01",
            "prod-base",
            "conference-displays",
            "model-4000x-vibration",
            "b20-sensor-tuning")
        .runs("b20-f2-conf-02", "prod-base", "conference-displays", "b20-sensor-tuning")
        .runs("b20-f3-office", "prod-base", "b20-sensor-tuning")
        .runs("b21-f1-lab", "test-base")
        .runs("b21-f2-conf-01", "test-base", "conference-displays", "model-4000x-vibration")
        .runs("b21-f2-kitchen", "test-base")
        .runs("b40-f1-server", "prod-base", "model-4000x-vibration")
        .runs("b40-f2-conf-01", "prod-base", "conference-displays")
        .unmet();
  }

  static List<Step> all() {
    return List.of(
        patchStep(
            "Raise a layer's priority",
            "lobby-signage",
            priority(15),
            "5 -> 15, now above prod-base's 10",
            List.of("b20-f1-lobby"),
            (before, now) ->
                Expect.of(before, now)
                    .runs(
                        "b20-f1-lobby",
                        "prod-base",
                        "lobby-signage",
                        "model-4000x-vibration",
                        "b20-sensor-tuning")
                    .hasModule("b20-f1-lobby", "LobbySign")
                    .unmet()),
        new Step(
            "A per-device parameter: a room's display name comes from its tag",
            "kubectl -n campus patch edev b20-f2-conf-01 --type merge -p"
                + " '{\"spec\":{\"tags\":{\"room\":\"2.14\"}}}'   (conference-displays sets"
                + " displayName: Room ${tags.room})",
            List.of("b20-f2-conf-01", "b20-f2-conf-02"),
            c ->
                c.resources(EdgeDevice.class)
                    .inNamespace(NS)
                    .withName("b20-f2-conf-01")
                    .patch(
                        PatchContext.of(PatchType.JSON_MERGE),
                        "{\"spec\":{\"tags\":{\"room\":\"2.14\"}}}"),
            (before, now) ->
                Expect.of(before, now)
                    .runs(
                        "b20-f2-conf-01",
                        "prod-base",
                        "conference-displays",
                        "model-4000x-vibration",
                        "b20-sensor-tuning")
                    .manifestValue("b20-f2-conf-01", DISPLAY_NAME, "Room 2.14")
                    .manifestValue("b20-f2-conf-02", DISPLAY_NAME, "Room 2.02")
                    .untouched("b20-f2-conf-02")
                    .unmet()),
        patchStep(
            "Change a target condition: a device falls back to its next deployment",
            "test-base",
            target("tags.environment = \"test\""),
            "building 21 no longer targeted",
            List.of("b21-f2-kitchen", "b21-f1-lab"),
            (before, now) ->
                Expect.of(before, now)
                    .runs("b21-f2-kitchen", "prod-base")
                    .runs("b21-f1-lab", "test-base")
                    .unmet()),
        patchStep(
            "Change a target condition: a device matches nothing and keeps its modules",
            "prod-base",
            target("tags.environment = \"prod\" AND tags.building != \"40\""),
            "building 40 no longer targeted",
            List.of("b40-f1-server", "b40-f2-conf-01"),
            (before, now) ->
                Expect.of(before, now).sticky("b40-f1-server").sticky("b40-f2-conf-01").unmet()),
        patchStep(
            "A deployment targets them again: it is applied",
            "prod-base",
            target("tags.environment = \"prod\""),
            "back to the original condition",
            List.of("b40-f1-server", "b40-f2-conf-01"),
            (before, now) ->
                Expect.of(before, now)
                    .runs("b40-f1-server", "prod-base", "model-4000x-vibration")
                    .runs("b40-f2-conf-01", "prod-base", "conference-displays")
                    .unmet()),
        new Step(
            "Delete a deployment: its devices keep what they run",
            "kubectl -n campus delete edep test-base   (no other deployment targets the test devices)",
            List.of("b21-f1-lab", "b21-f2-conf-01", "b21-f2-kitchen"),
            c -> c.resources(EdgeDeployment.class).inNamespace(NS).withName("test-base").delete(),
            (before, now) ->
                Expect.of(before, now)
                    .gone("test-base")
                    .sticky("b21-f1-lab")
                    .sticky("b21-f2-conf-01")
                    .runs("b21-f2-kitchen", "prod-base")
                    .unmet()),
        new Step(
            "An invalid edit is refused at kubectl apply (the operator's admission webhook)",
            patchCommand(
                "prod-base", target("tags.environment = "), "the condition does not parse"),
            List.of("b20-f3-office", "b40-f1-server"),
            (client, admission) -> refused(client, "prod-base", target("tags.environment = ")),
            (before, now) ->
                Expect.of(before, now)
                    .ready("prod-base", "True", "Valid")
                    .runs("b20-f3-office", "prod-base", "b20-sensor-tuning")
                    .runs("b40-f1-server", "prod-base", "model-4000x-vibration")
                    .unmet()),
        new Step(
            "One gets past admission (the operator was down, failurePolicy Ignore): the fleet is"
                + " frozen, not rolled back or stripped",
            patchCommand("prod-base", target("tags.environment = "), "while the webhook is down"),
            List.of("b20-f3-office", "b40-f1-server"),
            (client, admission) -> {
              admission.down();
              try {
                patch(client, "prod-base", target("tags.environment = "));
              } finally {
                admission.up();
              }
              return null;
            },
            (before, now) ->
                Expect.of(before, now)
                    .ready("prod-base", "False", "InvalidTargetCondition")
                    .frozen("b20-f3-office")
                    .frozen("b40-f1-server")
                    .unmet()),
        patchStep(
            "Fix it: the fleet moves again",
            "prod-base",
            target("tags.environment = \"prod\""),
            "",
            List.of("b20-f3-office", "b40-f1-server"),
            (before, now) ->
                Expect.of(before, now)
                    .ready("prod-base", "True", "Valid")
                    .runs("b20-f3-office", "prod-base", "b20-sensor-tuning")
                    .runs("b40-f1-server", "prod-base", "model-4000x-vibration")
                    .unmet()),
        new Step(
            "Apply a zero-module deployment to remove modules",
            "kubectl apply -f decommission-b40.yaml   (standard, priority 50, tags.building = \"40\","
                + " modules: {})",
            List.of("b40-f1-server", "b40-f2-conf-01", "b40-spare-01"),
            c -> c.resource(decommission(c)).create(),
            (before, now) ->
                Expect.of(before, now)
                    .runs("b40-f1-server", "decommission-b40")
                    .runs("b40-f2-conf-01", "decommission-b40")
                    .runs("b40-spare-01", "decommission-b40")
                    .noModules("b40-f1-server")
                    .noModules("b40-f2-conf-01")
                    .noModules("b40-spare-01")
                    .unmet()),
        patchStep(
            "A bad image rolled out in waves: the rollout halts after the first wave",
            "prod-base",
            brokenRollout(),
            "waves of 2, halt at the first failure; the image fails to start",
            PROD,
            (before, now) ->
                Expect.of(before, now)
                    .rollout("prod-base", "Halted")
                    .holdImage(BROKEN_IMAGE, 2, PROD)
                    .unmet()),
        new Step(
            "Undo: the first wave gets its previous configuration back",
            "kubectl edgefleet rollout undo edep/prod-base -n campus   (the content of the"
                + " previous revision back into the spec)",
            PROD,
            (client, admission) -> undo(client, "prod-base"),
            (before, now) ->
                Expect.of(before, now).undone("prod-base", BROKEN_IMAGE, PROD).unmet()));
  }

  /**
   * {@code rollout undo}, run again when the deployment changed between its read and its write (the
   * operator writes the deployment's status meanwhile), as its message tells a person to do.
   */
  private static String undo(KubernetesClient client, String deployment) {
    for (int attempt = 1; ; attempt++) {
      try {
        return RolloutUndoCommand.undo(client, NS, deployment, 0);
      } catch (IllegalStateException e) {
        if (attempt == 5) {
          throw e;
        }
      }
    }
  }

  /** prod-base's filter on a failing image, rolled out two devices at a time, halting at one. */
  private static ObjectNode brokenRollout() {
    ObjectNode patch = JsonNodeFactory.instance.objectNode();
    ObjectNode spec = patch.putObject("spec");
    spec.putObject("modules").putObject("filter").put("image", BROKEN_IMAGE);
    spec.putObject("rollout").put("maxConcurrency", 2).put("maxFailures", 1);
    return patch;
  }

  /** A step that merge-patches a deployment's spec, shown as the kubectl command. */
  private static Step patchStep(
      String title,
      String deployment,
      ObjectNode patch,
      String note,
      List<String> devices,
      Step.Expectation expectation) {
    return new Step(
        title,
        patchCommand(deployment, patch, note),
        devices,
        (KubernetesClient c) -> patch(c, deployment, patch),
        expectation);
  }

  private static String patchCommand(String deployment, ObjectNode patch, String note) {
    return "kubectl -n "
        + NS
        + " patch edep "
        + deployment
        + " --type merge -p '"
        + patch
        + "'"
        + (note.isEmpty() ? "" : "   (" + note + ")");
  }

  private static void patch(KubernetesClient client, String deployment, ObjectNode patch) {
    client
        .resources(EdgeDeployment.class)
        .inNamespace(NS)
        .withName(deployment)
        .patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
  }

  /** Sends a patch the admission webhook must refuse; returns what kubectl would print. */
  private static String refused(KubernetesClient client, String deployment, ObjectNode patch) {
    try {
      patch(client, deployment, patch);
      return "NOT REFUSED: the patch was stored";
    } catch (KubernetesClientException e) {
      String message = e.getStatus() == null ? e.getMessage() : e.getStatus().getMessage();
      return "Error from server (" + e.getCode() + "): " + message;
    }
  }

  private static ObjectNode priority(int priority) {
    ObjectNode patch = JsonNodeFactory.instance.objectNode();
    patch.putObject("spec").put("priority", priority);
    return patch;
  }

  private static ObjectNode target(String condition) {
    ObjectNode patch = JsonNodeFactory.instance.objectNode();
    patch.putObject("spec").put("targetCondition", condition);
    return patch;
  }

  private static EdgeDeployment decommission(KubernetesClient client) {
    return client
        .getKubernetesSerialization()
        .unmarshal(
            """
            apiVersion: edgefleet.io/v1alpha1
            kind: EdgeDeployment
            metadata:
              name: decommission-b40
              namespace: campus
            spec:
              priority: 50
              targetCondition: 'tags.building = "40"'
              modules: {}
            """,
            EdgeDeployment.class);
  }
}
