package io.edgefleet.cli.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.RevisionDevices;
import io.edgefleet.api.v1alpha1.RolloutSpec;
import io.edgefleet.api.v1alpha1.RolloutStatus;
import io.edgefleet.cli.EdgeFleetCli;
import io.edgefleet.engine.rollout.Revisions;
import io.edgefleet.operator.rollout.RevisionHistory;
import io.edgefleet.sandbox.SandboxApiServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code edgefleet rollout}: each command against an API server (the sandbox: CRUD, watches, the
 * CRDs' validation), with revisions stored by the operator's own {@link RevisionHistory} and
 * statuses written as the operator writes them.
 */
class RolloutCommandTest {

  static SandboxApiServer server;
  static KubernetesClient client;
  static Path kubeconfig;

  @BeforeAll
  static void start(@TempDir Path dir) {
    server = SandboxApiServer.builder().build().start();
    client = server.client();
    kubeconfig = server.writeKubeconfig(dir.resolve("kubeconfig"), "fleet");
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName("fleet").endMetadata().build())
        .create();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = EdgeFleetCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--kubeconfig";
    all[args.length + 1] = kubeconfig.toString();
    int code = cli.execute(all);
    return new Run(code, out.toString(), err.toString());
  }

  private static final String ROLLOUT = "  rollout: {maxConcurrency: 2, maxFailures: 1}\n";

  /** A deployment "name" running app:{@code version}, with its first revision stored. */
  static EdgeDeployment deployment(String name, String rollout, Map<String, String> labels) {
    String yaml =
        "apiVersion: edgefleet.io/v1alpha1\n"
            + "kind: EdgeDeployment\n"
            + "metadata: {name: "
            + name
            + ", namespace: fleet}\n"
            + "spec:\n"
            + "  priority: 10\n"
            + "  targetCondition: \"tags.env='prod'\"\n"
            + "  modules:\n"
            + "    app: {image: 'example.com/app:1'}\n"
            + rollout;
    EdgeDeployment d = client.getKubernetesSerialization().unmarshal(yaml, EdgeDeployment.class);
    d.getMetadata().setLabels(labels);
    EdgeDeployment created = client.resource(d).create();
    record(created);
    return created;
  }

  static EdgeDeployment get(String name) {
    return client.resources(EdgeDeployment.class).inNamespace("fleet").withName(name).get();
  }

  /** Edits the deployment as a person would, then stores its revision as the operator does. */
  static EdgeDeployment edit(String name, String cause, Consumer<EdgeDeployment> change) {
    EdgeDeployment edited =
        client
            .resources(EdgeDeployment.class)
            .inNamespace("fleet")
            .withName(name)
            .edit(
                d -> {
                  change.accept(d);
                  if (cause != null) {
                    Map<String, String> annotations = new HashMap<>();
                    annotations.put(RevisionHistory.CHANGE_CAUSE_ANNOTATION, cause);
                    d.getMetadata().setAnnotations(annotations);
                  }
                  return d;
                });
    record(edited);
    return edited;
  }

  static void image(EdgeDeployment d, String image) {
    d.getSpec().getModules().get("app").setImage(image);
  }

  static void record(EdgeDeployment d) {
    new RevisionHistory(client).record(d, Revisions.hash(d.getSpec()), null);
  }

  /** Writes a status as the operator would: observed, with the rollout block given. */
  static void status(String name, String phase, Consumer<RolloutStatus> more) {
    client
        .resources(EdgeDeployment.class)
        .inNamespace("fleet")
        .withName(name)
        .editStatus(
            d -> {
              var status =
                  d.getStatus() == null
                      ? new io.edgefleet.api.v1alpha1.EdgeDeploymentStatus()
                      : d.getStatus();
              status.setObservedGeneration(d.getMetadata().getGeneration());
              RolloutStatus rollout = new RolloutStatus();
              rollout.setPhase(phase);
              rollout.setRevisionHash(Revisions.hash(d.getSpec()));
              rollout.setAffected(4L);
              rollout.setAdmitted(2L);
              rollout.setHealthy(0L);
              rollout.setFailed(0L);
              rollout.setWaiting(2L);
              more.accept(rollout);
              status.setRollout(rollout);
              d.setStatus(status);
              return d;
            });
  }

  @Test
  void historyListsEveryRevisionWithItsHashCauseAndDevices() {
    deployment("hist", ROLLOUT, null);
    edit("hist", "filter 2: faster", d -> image(d, "example.com/app:2"));
    EdgeDeployment now = get("hist");
    String hash1 = Revisions.hash(deployment("hist-copy", ROLLOUT, null).getSpec());
    String hash2 = Revisions.hash(now.getSpec());
    client
        .resources(EdgeDeployment.class)
        .inNamespace("fleet")
        .withName("hist")
        .editStatus(
            d -> {
              var status = new io.edgefleet.api.v1alpha1.EdgeDeploymentStatus();
              status.setRevisions(
                  List.of(
                      new RevisionDevices(RevisionHistory.name("hist", hash2), 2L, 3L),
                      new RevisionDevices(RevisionHistory.name("hist", hash1), 1L, 5L)));
              d.setStatus(status);
              return d;
            });

    Run run = run("rollout", "history", "edep/hist", "-n", "fleet");
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out())
        .containsPattern("REVISION +HASH +DEVICES +CHANGE-CAUSE")
        .containsPattern("\\n1 +" + hash1 + " +5 +<none>\\n")
        .containsPattern("\\n2\\* +" + hash2 + " +3 +filter 2: faster\\n");
    // the context's namespace is used without -n
    assertThat(run("rollout", "history", "hist").out()).contains(hash2);

    Run one = run("rollout", "history", "hist", "--revision", "1");
    assertThat(one.code()).as(one.err()).isZero();
    assertThat(one.out()).contains("spec:\n  modules:\n    app:\n      image: example.com/app:1");
  }

  @Test
  void undoWritesThePreviousContentBackAndLeavesTheRestAlone() {
    deployment("undo", ROLLOUT, null);
    edit("undo", null, d -> image(d, "example.com/app:2"));
    edit(
        "undo",
        null,
        d -> {
          image(d, "example.com/app:3");
          d.getSpec().setPriority(20);
        });

    Run undo = run("rollout", "undo", "edep/undo");
    assertThat(undo.code()).as(undo.err()).isZero();
    assertThat(undo.out()).contains("rolled back to the content of revision 2");
    EdgeDeployment after = get("undo");
    assertThat(after.getSpec().getModules().get("app").getImage()).isEqualTo("example.com/app:2");
    assertThat(after.getSpec().getPriority()).isEqualTo(20);
    assertThat(after.getSpec().getRollout().getMaxConcurrency().getIntVal()).isEqualTo(2);
    assertThat(undo.out()).doesNotContain("Argo CD");

    // the operator stores the restored content as the newest revision; then back to revision 1
    record(after);
    Run toOne = run("rollout", "undo", "undo", "--to-revision", "1");
    assertThat(toOne.code()).as(toOne.err()).isZero();
    assertThat(get("undo").getSpec().getModules().get("app").getImage())
        .isEqualTo("example.com/app:1");

    Run same = run("rollout", "undo", "undo", "--to-revision", "1");
    assertThat(same.code()).isZero();
    assertThat(same.out()).contains("already holds the content of revision 1: nothing to undo");

    Run missing = run("rollout", "undo", "undo", "--to-revision", "9");
    assertThat(missing.code()).isEqualTo(2);
    // revision 2's content came back as revision 4, as Kubernetes numbers a content that returns
    assertThat(missing.err()).contains("has no revision 9 (stored revisions: 1, 3, 4;");
  }

  @Test
  void undoOfADeploymentArgoCdManagesWarnsAndPrintsWhatToPutBackInGit() {
    deployment("argo", ROLLOUT, Map.of("app.kubernetes.io/instance", "campus"));
    edit("argo", null, d -> image(d, "example.com/broken:2"));

    Run undo = run("rollout", "undo", "edep/argo");
    assertThat(undo.code()).as(undo.err()).isZero();
    assertThat(undo.out())
        .contains("managed by Argo CD (application campus): Git is the source of truth")
        .contains("git revert")
        .contains("spec:\n  modules:\n    app:\n      image: example.com/app:1\n");
    assertThat(get("argo").getSpec().getModules().get("app").getImage())
        .isEqualTo("example.com/app:1");
  }

  @Test
  void pauseAndResumeSetSpecRolloutPaused() {
    deployment("pause", ROLLOUT, null);
    Run pause = run("rollout", "pause", "edep/pause");
    assertThat(pause.code()).as(pause.err()).isZero();
    assertThat(get("pause").getSpec().getRollout().getPaused()).isTrue();
    assertThat(run("rollout", "pause", "pause").out()).contains("is already paused");

    Run resume = run("rollout", "resume", "edep/pause");
    assertThat(resume.code()).as(resume.err()).isZero();
    assertThat(resume.out()).contains("resumed");
    assertThat(get("pause").getSpec().getRollout().getPaused()).isFalse();
    assertThat(get("pause").getSpec().getRollout().getMaxConcurrency().getIntVal()).isEqualTo(2);
    assertThat(run("rollout", "resume", "pause").out()).contains("nothing to resume");
  }

  @Test
  void resumeOfAHaltedRolloutNamesTheHaltForTheOperator() {
    deployment("halted", ROLLOUT, null);
    status(
        "halted",
        RolloutStatus.HALTED,
        r -> {
          r.setFailed(1L);
          r.setHaltedAt("2026-01-01T10:00:00Z");
          r.setHaltReason("MaxFailuresReached");
        });
    Run resume = run("rollout", "resume", "halted");
    assertThat(resume.code()).as(resume.err()).isZero();
    assertThat(resume.out()).contains("the halt of 2026-01-01T10:00:00Z (MaxFailuresReached)");
    assertThat(get("halted").getMetadata().getAnnotations())
        .containsEntry(RolloutSpec.RESUME_ANNOTATION, "2026-01-01T10:00:00Z");
  }

  @Test
  void pauseWithoutARolloutIsAnError() {
    deployment("plain", "", null);
    Run pause = run("rollout", "pause", "plain");
    assertThat(pause.code()).isEqualTo(2);
    assertThat(pause.err()).contains("edep/plain has no spec.rollout");
    assertThat(get("plain").getSpec().getRollout()).isNull();
    Run other = run("rollout", "pause", "deploy/plain");
    assertThat(other.code()).isEqualTo(2);
    assertThat(other.err()).contains("expected NAME or edep/NAME");
    assertThat(run("rollout", "pause", "nope").err())
        .contains("no EdgeDeployment nope in namespace fleet");
  }

  @Test
  void statusFollowsTheRolloutUntilItCompletes() throws Exception {
    deployment("follow", ROLLOUT, null);
    StringWriter out = new StringWriter();
    CompletableFuture<Integer> status =
        CompletableFuture.supplyAsync(
            () -> {
              CommandLine cli = EdgeFleetCli.commandLine();
              cli.setOut(new PrintWriter(out, true));
              return cli.execute(
                  "rollout", "status", "edep/follow", "--kubeconfig", kubeconfig.toString());
            });
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> out.toString().contains("waiting for the operator to observe generation 1"));
    status("follow", RolloutStatus.PROGRESSING, r -> {});
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> out.toString().contains("Progressing: 2 of 4"));
    assertThat(status).isNotDone();
    status(
        "follow",
        RolloutStatus.COMPLETE,
        r -> {
          r.setAdmitted(4L);
          r.setHealthy(4L);
          r.setWaiting(0L);
        });
    assertThat(status.get(60, TimeUnit.SECONDS)).as(out.toString()).isZero();
    assertThat(out.toString()).contains("Complete: 4 of 4 affected devices admitted, 4 healthy");
  }

  @Test
  void statusExitsOneWhenHaltedAndOnTimeout() {
    deployment("stop", ROLLOUT, null);
    status("stop", RolloutStatus.PROGRESSING, r -> {});
    Run timeout = run("rollout", "status", "stop", "--timeout", "1s");
    assertThat(timeout.code()).isEqualTo(1);
    assertThat(timeout.out()).contains("timed out after 1s");
    Run once = run("rollout", "status", "stop", "--no-watch");
    assertThat(once.code()).isZero();
    assertThat(once.out()).contains("Progressing: 2 of 4");

    status("stop", RolloutStatus.HALTED, r -> r.setFailed(1L));
    Run halted = run("rollout", "status", "edep/stop");
    assertThat(halted.code()).isEqualTo(1);
    assertThat(halted.out()).contains("halted").contains("edgefleet rollout undo edep/stop");
  }

  @Test
  void statusOfADeploymentWithoutRolloutExitsAtOnce() {
    deployment("norollout", "", null);
    client
        .resources(EdgeDeployment.class)
        .inNamespace("fleet")
        .withName("norollout")
        .editStatus(
            d -> {
              var s = new io.edgefleet.api.v1alpha1.EdgeDeploymentStatus();
              s.setObservedGeneration(d.getMetadata().getGeneration());
              d.setStatus(s);
              return d;
            });
    Run run = run("rollout", "status", "norollout");
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("has no spec.rollout: every change reaches its devices at once");
  }

  @Test
  void deploymentReferencesAreNamesOrKindSlashName() {
    assertThat(DeploymentRef.parse("prod-base").name()).isEqualTo("prod-base");
    assertThat(DeploymentRef.parse("edep/prod-base").name()).isEqualTo("prod-base");
    assertThat(DeploymentRef.parse("EdgeDeployment/prod-base").name()).isEqualTo("prod-base");
    assertThat(DeploymentRef.parse("edgedeployments.edgefleet.io/prod-base").name())
        .isEqualTo("prod-base");
    assertThatThrownBy(() -> DeploymentRef.parse("deployment/prod-base"))
        .hasMessageContaining("work on EdgeDeployments");
    assertThatThrownBy(() -> DeploymentRef.parse("edep/")).hasMessageContaining("expected NAME");
  }

  @Test
  void anUnknownContextIsAnError() {
    Run run = run("rollout", "history", "x", "--context", "elsewhere");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("no context elsewhere in the kubeconfig");
  }
}
