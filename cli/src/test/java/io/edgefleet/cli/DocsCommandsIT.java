package io.edgefleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Runs every shell command the docs show that can run offline, against the sandbox with the
 * examples applied and the operator running (as docs/sandbox.md starts it), and fails when one
 * exits non-zero or when the output a {@code console} block shows has drifted.
 *
 * <p>Every command in a {@code sh} block and every {@code $ } line of a {@code console} block must
 * match one of {@link #RULES}: either it runs here, or it is skipped with the reason (it needs a
 * real cluster, Argo CD, Docker, or runs forever). A command that matches no rule fails the test,
 * so a new command in the docs is either run or consciously skipped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocsCommandsIT {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  /** How a command of the docs is treated; the first rule whose pattern finds a match wins. */
  record Rule(Pattern pattern, String skipReason) {
    boolean runs() {
      return skipReason == null;
    }
  }

  private static Rule run(String regex) {
    return new Rule(Pattern.compile(regex), null);
  }

  private static Rule skip(String regex, String why) {
    return new Rule(Pattern.compile(regex), why);
  }

  static final List<Rule> RULES =
      List.of(
          skip("^(\\./)?edgefleet demo", "the demo has its own smoke test (DemoTest)"),
          skip("^scripts/test", "it is the command that runs this test"),
          skip("^(\\./)?edgefleet (agent|operator|sandbox) ", "runs until stopped"),
          skip("^(\\./)?edgefleet resolve .*my-objects/", "a placeholder for the reader's files"),
          skip("^edgefleet simulate --devices N", "a synopsis, not a command"),
          skip("^\\[", "the rest of a synopsis"),
          skip("^(mvn|java) ", "builds or runs the benchmarks (minutes)"),
          skip(
              "^(helm|docker|podman|curl) ",
              "needs a cluster, a container engine or a port-forward"),
          skip(
              "-n edgefleet-system|namespace edgefleet-system",
              "needs the Helm release in a cluster"),
          skip("-n argocd", "needs Argo CD"),
          skip("create token", "the sandbox has no TokenRequest API (docs/sandbox.md)"),
          skip(
              "^(az |jq |while read |kind: |spec: )",
              "reads the reader's Azure IoT Hub (docs/migrating-from-azure.md)"),
          skip(
              "^(\\./)?edgefleet import .*azure/\\*\\.json|registry-secrets\\.yaml &&"
                  + "|^(\\./)?edgefleet resolve deployments\\.yaml devices\\.json"
                  + "|^(\\./)?edgefleet export .*--cluster",
              "works on the reader's own manifests or cluster (docs/migrating-from-azure.md);"
                  + " import and export are tested by AzureImportTest and AzureImportExportTest"),
          skip(
              "^kubectl (apply|delete) (--server-side .*)?-f (helm/edgefleet/)?crds/",
              "installs CRDs (the sandbox has them)"),
          skip(
              "^(\\./)?edgefleet device (enroll|revoke)",
              "needs a cluster's TokenRequest API (the sandbox has none); DeviceCommandTest tests"
                  + " it"),
          skip(
              "^(scp|ssh|sudo|journalctl|printf) ",
              "runs on the device being set up (docs/device-setup.md)"),
          skip("lobby-sensors", "needs the device of docs/device-setup.md, its agent running"),
          skip(
              "^ln -s .*kubectl-edgefleet|^kubectl (plugin list|edgefleet )",
              "installs the kubectl plugin on the reader's PATH; KubectlPluginIT checks that"
                  + " kubectl finds it there and runs it"),
          run("^(\\./)?edgefleet (resolve|agent-rbac|--help)"),
          run("^report(\\(\\))? "),
          run("^kubectl "));

  private final List<String> ran = new ArrayList<>();
  private final List<String> skipped = new ArrayList<>();
  private Path dir;
  private Path kubeconfig;
  private CountDownLatch stop;
  private CompletableFuture<Integer> sandbox;

  @BeforeAll
  void startSandbox(@TempDir Path tmp) throws Exception {
    dir = tmp;
    kubeconfig = tmp.resolve("sandbox.kubeconfig");
    SandboxCommand command = new SandboxCommand();
    CommandLine cli = new CommandLine(command);
    cli.parseArgs(
        "--kubeconfig",
        kubeconfig.toString(),
        "--with-operator",
        "--apply",
        example("namespace.yaml"),
        example("registry-secret.yaml"),
        example("devices.yaml"),
        example("deployments"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    stop = new CountDownLatch(1);
    PrintStream printed = new PrintStream(out, true, StandardCharsets.UTF_8);
    sandbox =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return command.run(printed, printed, stop);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
              }
            });
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    while (!out.toString(StandardCharsets.UTF_8).contains("Ctrl-C")) {
      assertThat(Instant.now()).as(out.toString(StandardCharsets.UTF_8)).isBefore(deadline);
      assertThat(sandbox).as(out.toString(StandardCharsets.UTF_8)).isNotDone();
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }

  @AfterAll
  void stopSandbox() throws Exception {
    System.out.println("docs commands run: " + ran.size() + ", skipped: " + skipped.size());
    skipped.forEach(s -> System.out.println("  skipped " + s));
    if (stop != null) {
      stop.countDown();
      sandbox.get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void everyOfflineCommandOfTheDocsRunsAndShowsWhatTheDocsShow() throws Exception {
    List<String> failures = new ArrayList<>();
    for (Path doc : docs()) {
      for (DocBlock block : DocBlock.read(doc)) {
        List<String> commands = new ArrayList<>();
        for (DocBlock.Command command : block.commands()) {
          Rule rule = rule(command.text());
          String where = ROOT.relativize(doc) + ":" + command.line();
          if (rule == null) {
            failures.add(where + ": no rule says whether to run `" + command.text() + "`");
          } else if (!rule.runs()) {
            skipped.add(where + " `" + command.text() + "`: " + rule.skipReason());
          } else {
            commands.add(command.text());
            ran.add(where);
            if (command.expected() != null) {
              Shell.Result result = shell(command.text());
              boolean showsAnError =
                  command.expected().startsWith("Error from server")
                      || command.expected().startsWith("The request is invalid");
              if (showsAnError ? result.exit() == 0 : result.exit() != 0) {
                failures.add(
                    where
                        + ": `"
                        + command.text()
                        + "` exited "
                        + result.exit()
                        + "\n"
                        + result.output());
              } else if (!DocBlock.normalize(result.output())
                  .equals(DocBlock.normalize(command.expected()))) {
                failures.add(
                    where
                        + ": the output of `"
                        + command.text()
                        + "` drifted from the docs.\n--- docs\n"
                        + command.expected()
                        + "\n--- now\n"
                        + result.output());
              }
            }
          }
        }
        List<String> script = block.console() ? List.of() : commands;
        if (!script.isEmpty()) {
          Shell.Result result = shell(String.join("\n", script));
          if (result.exit() != 0) {
            failures.add(
                ROOT.relativize(doc)
                    + ":"
                    + block.line()
                    + ": the block exited "
                    + result.exit()
                    + "\n"
                    + String.join("\n", script)
                    + "\n--- output\n"
                    + result.output());
          }
        }
      }
    }
    assertThat(ran).as("commands run").isNotEmpty();
    assertThat(failures).as(String.join("\n\n", failures)).isEmpty();
  }

  @Test
  void rulesClassifyCommandsAsTheyShould() {
    assertThat(rule("./edgefleet resolve examples/").runs()).isTrue();
    assertThat(rule("kubectl -n campus get edev").runs()).isTrue();
    assertThat(rule("helm install edgefleet helm/edgefleet").runs()).isFalse();
    assertThat(rule("kubectl -n campus create token x").runs()).isFalse();
    assertThat(rule("./edgefleet device enroll x -n campus --kubeconfig-out x").runs()).isFalse();
    assertThat(rule("sudo systemctl daemon-reload").runs()).isFalse();
    assertThat(rule("kubectl edgefleet rollout status edep/prod-base -n campus").runs()).isFalse();
    assertThat(rule("rm -rf /")).isNull();
  }

  private static Rule rule(String command) {
    return RULES.stream().filter(r -> r.pattern().matcher(command).find()).findFirst().orElse(null);
  }

  private Shell.Result shell(String script) throws IOException, InterruptedException {
    String prelude =
        "set -eo pipefail\n"
            + "edgefleet() { java -jar '"
            + ROOT.resolve("cli/target/edgefleet.jar")
            + "' \"$@\"; }\n";
    return Shell.run(
        ROOT,
        prelude + script.replace("./edgefleet ", "edgefleet "),
        kubeconfig,
        dir.resolve("kube-cache"));
  }

  private static List<Path> docs() throws IOException {
    List<Path> docs = new ArrayList<>();
    docs.add(ROOT.resolve("README.md"));
    try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
      files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
    }
    docs.add(ROOT.resolve("examples/README.md"));
    return docs;
  }

  private static String example(String name) {
    return ROOT.resolve("examples").resolve(name).toString();
  }
}
