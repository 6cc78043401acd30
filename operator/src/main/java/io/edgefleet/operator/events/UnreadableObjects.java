package io.edgefleet.operator.events;

import io.edgefleet.api.serialization.Unreadable;
import io.edgefleet.operator.metrics.OperatorMetrics;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports stored objects whose spec or status cannot be read (see {@link Unreadable}): a log line
 * naming the object and the field, a Warning Event on it and a metric, once per stored version of
 * the object. The object itself is skipped or repaired by its reconciler; every other object goes
 * on.
 */
public final class UnreadableObjects {

  private static final Logger LOG = LoggerFactory.getLogger(UnreadableObjects.class);

  /** Event reason for an unreadable spec. */
  public static final String SPEC_REASON = "UnreadableSpec";

  /** Event reason for an unreadable status. */
  public static final String STATUS_REASON = "UnreadableStatus";

  private final EventRecorder events;
  private final OperatorMetrics metrics;
  private final Map<String, String> reported = new ConcurrentHashMap<>();

  public UnreadableObjects(EventRecorder events, OperatorMetrics metrics) {
    this.events = events;
    this.metrics = metrics;
  }

  /**
   * Reports {@code object} if part of it could not be read and this version was not reported yet.
   *
   * @param consequence what the operator does about it, for the message
   * @return whether any part of the object is unreadable
   */
  public boolean report(HasMetadata object, String specConsequence, String statusConsequence) {
    String spec = Unreadable.spec(object);
    String status = Unreadable.status(object);
    String uid = key(object);
    if (spec == null && status == null) {
      reported.remove(uid);
      return false;
    }
    String version = object.getMetadata().getResourceVersion();
    if (Objects.equals(reported.put(uid, String.valueOf(version)), String.valueOf(version))) {
      return true;
    }
    if (spec != null) {
      announce(object, "spec", SPEC_REASON, spec, specConsequence);
    }
    if (status != null) {
      announce(object, "status", STATUS_REASON, status, statusConsequence);
    }
    return true;
  }

  /** Forgets a deleted object. */
  public void forget(HasMetadata object) {
    reported.remove(key(object));
  }

  private void announce(
      HasMetadata object, String part, String reason, String problem, String consequence) {
    String message = "the stored " + part + " cannot be read: " + problem + "; " + consequence;
    LOG.warn(
        "{} {}/{}: {}",
        object.getKind(),
        object.getMetadata().getNamespace(),
        object.getMetadata().getName(),
        message);
    metrics.unreadable(object.getKind(), part);
    events.warning(object, reason, message);
  }

  private static String key(HasMetadata object) {
    String uid = object.getMetadata().getUid();
    return uid != null
        ? uid
        : object.getKind()
            + "/"
            + object.getMetadata().getNamespace()
            + "/"
            + object.getMetadata().getName();
  }
}
