package io.edgefleet.cli.rollout;

import io.edgefleet.agent.cli.Durations;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code edgefleet rollout status}: follows a rollout until it completes or halts. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the rollout's progress each time it changes, until it is complete (exit 0) or"
          + " halted (exit 1). An invalid deployment exits 1 too; one without spec.rollout exits 0"
          + " at once.",
      "Exit codes: 0 complete, 1 halted, invalid or timed out, 2 usage or I/O error."
    })
final class RolloutStatusCommand implements Callable<Integer> {

  /** How long to wait for a watch event before reading the object again anyway. */
  private static final Duration REREAD = Duration.ofSeconds(30);

  @Spec CommandSpec spec;

  @Mixin ClusterOptions cluster;

  @Parameters(paramLabel = "DEPLOYMENT", description = "NAME or edep/NAME.")
  String deployment;

  @Option(
      names = {"-w", "--watch"},
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description = "Follow the rollout until it ends (default); --no-watch prints it once.")
  boolean watch;

  @Option(
      names = "--timeout",
      converter = Durations.class,
      defaultValue = "0s",
      description = "Give up after this long, exit 1 (e.g. 10m; default 0s: no limit).")
  Duration timeout;

  /** What the watch delivered: the object, or that it was deleted, or that the watch closed. */
  private record Event(EdgeDeployment object, boolean deleted) {
    static final Event CLOSED = new Event(null, false);
  }

  @Override
  public Integer call() throws InterruptedException {
    DeploymentRef ref = DeploymentRef.parse(deployment);
    PrintWriter out = spec.commandLine().getOut();
    try (KubernetesClient client = cluster.connect("edgefleet-rollout")) {
      String namespace = cluster.namespace(client);
      Resource<EdgeDeployment> resource = Deployments.resource(client, namespace, ref);
      EdgeDeployment current = Deployments.get(client, namespace, ref);
      BlockingQueue<Event> events = new LinkedBlockingQueue<>();
      long deadline = timeout.isZero() ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
      Watch open = null;
      String last = null;
      try {
        while (true) {
          RolloutView view = RolloutView.of(current);
          if (!view.line().equals(last)) {
            out.println(view.line());
            out.flush();
            last = view.line();
          }
          if (view.state().done()) {
            return exit(view, ref, out);
          }
          if (!watch) {
            return 0;
          }
          if (open == null) {
            open = resource.watch(watcher(events));
            // a change between the read and the watch is not lost: read again
            current = Deployments.get(client, namespace, ref);
            continue;
          }
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            out.println(
                "timed out after "
                    + timeout.toSeconds()
                    + "s waiting for the rollout of "
                    + ref
                    + " to complete");
            return 1;
          }
          Event event = events.poll(Math.min(left, REREAD.toNanos()), TimeUnit.NANOSECONDS);
          if (event == null || event == Event.CLOSED) {
            if (event == Event.CLOSED) {
              open.close();
              open = null;
            }
            current = Deployments.get(client, namespace, ref);
          } else if (event.deleted()) {
            throw new IllegalStateException(ref + " was deleted");
          } else {
            current = event.object();
          }
        }
      } finally {
        if (open != null) {
          open.close();
        }
      }
    }
  }

  private static int exit(RolloutView view, DeploymentRef ref, PrintWriter out) {
    switch (view.state()) {
      case HALTED -> {
        out.println(
            "rollout of "
                + ref
                + " halted. Go back with: edgefleet rollout undo "
                + ref
                + "; or accept the failures and go on with: edgefleet rollout resume "
                + ref);
        return 1;
      }
      case INVALID -> {
        return 1;
      }
      default -> {
        return 0;
      }
    }
  }

  private static Watcher<EdgeDeployment> watcher(BlockingQueue<Event> events) {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, EdgeDeployment object) {
        events.add(new Event(object, action == Action.DELETED));
      }

      @Override
      public void onClose(WatcherException cause) {
        events.add(Event.CLOSED);
      }
    };
  }
}
