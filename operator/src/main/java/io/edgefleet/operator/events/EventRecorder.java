package io.edgefleet.operator.events;

import io.edgefleet.operator.metrics.OperatorMetrics;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records Kubernetes Events in the background, at a bounded rate, so a change that touches a
 * hundred thousand devices does not also send a hundred thousand Event writes. Events beyond the
 * rate are dropped and counted ({@code edgefleet_events_dropped_total}); the objects' status always
 * says the same thing.
 */
public final class EventRecorder implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
  private static final String COMPONENT = "edgefleet-operator";

  private final KubernetesClient client;
  private final Clock clock;
  private final OperatorMetrics metrics;
  private final BlockingQueue<Event> queue = new ArrayBlockingQueue<>(1000);
  private final long nanosPerEvent;
  private final Thread sender;
  private final String host;
  private volatile boolean running = true;

  public EventRecorder(
      KubernetesClient client,
      Clock clock,
      OperatorMetrics metrics,
      double eventsPerSecond,
      String host) {
    this.client = client;
    this.clock = clock;
    this.metrics = metrics;
    this.nanosPerEvent = (long) (TimeUnit.SECONDS.toNanos(1) / eventsPerSecond);
    this.host = host;
    this.sender = new Thread(this::send, "edgefleet-events");
    sender.setDaemon(true);
    sender.start();
  }

  /** Records a Normal event about {@code object}. */
  public void normal(HasMetadata object, String reason, String message) {
    record(object, "Normal", reason, message);
  }

  /** Records a Warning event about {@code object}. */
  public void warning(HasMetadata object, String reason, String message) {
    record(object, "Warning", reason, message);
  }

  private void record(HasMetadata object, String type, String reason, String message) {
    String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    var meta = object.getMetadata();
    Event event =
        new EventBuilder()
            .withNewMetadata()
            .withName(
                meta.getName()
                    + "."
                    + UUID.randomUUID().toString().substring(0, 13).replace("-", ""))
            .withNamespace(meta.getNamespace())
            .endMetadata()
            .withInvolvedObject(
                new ObjectReferenceBuilder()
                    .withApiVersion(object.getApiVersion())
                    .withKind(object.getKind())
                    .withName(meta.getName())
                    .withNamespace(meta.getNamespace())
                    .withUid(meta.getUid())
                    .withResourceVersion(meta.getResourceVersion())
                    .build())
            .withType(type)
            .withReason(reason)
            .withMessage(message.length() > 1024 ? message.substring(0, 1021) + "..." : message)
            .withFirstTimestamp(now)
            .withLastTimestamp(now)
            .withCount(1)
            .withNewSource()
            .withComponent(COMPONENT)
            .withHost(host)
            .endSource()
            .withReportingComponent(COMPONENT)
            .withReportingInstance(host)
            .build();
    if (!queue.offer(event)) {
      metrics.eventDropped();
    }
  }

  private void send() {
    long next = System.nanoTime();
    while (running) {
      Event event;
      try {
        event = queue.poll(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (event == null) {
        continue;
      }
      long wait = next - System.nanoTime();
      if (wait > 0) {
        try {
          TimeUnit.NANOSECONDS.sleep(wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      next = Math.max(next, System.nanoTime()) + nanosPerEvent;
      // drop what piled up beyond one second's worth: status already says it
      while (queue.size() > Math.max(1, TimeUnit.SECONDS.toNanos(1) / nanosPerEvent)) {
        if (queue.poll() != null) {
          metrics.eventDropped();
        }
      }
      try {
        client
            .v1()
            .events()
            .inNamespace(event.getMetadata().getNamespace())
            .resource(event)
            .create();
        metrics.apiWrite("Event", "create");
      } catch (RuntimeException e) {
        LOG.debug("could not record event {}: {}", event.getReason(), e.getMessage());
      }
    }
  }

  @Override
  public void close() {
    running = false;
    sender.interrupt();
  }
}
