package io.edgefleet.operator.support;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts the write requests the API server received, by verb and resource ("POST configmaps",
 * "PATCH edgedevices/status"), from the mock server's request log.
 */
public final class ApiRequests {

  private static final Pattern RESOURCE =
      Pattern.compile(
          "^/(?:api/v1|apis/[^/]+/[^/]+)(?:/namespaces/[^/]+)?/([a-z.]+)(?:/[^/?]+)?(/status)?");

  private final KubernetesMockServer server;

  public ApiRequests(KubernetesMockServer server) {
    this.server = server;
  }

  /** Forgets every request recorded so far. */
  public void reset() {
    drain();
  }

  /**
   * Lets in-flight reconciles and status recomputations finish: waits (up to a minute) until the
   * API server has received no write for {@code quiet}, and returns the writes received until then.
   */
  public Map<String, Integer> writesUntilQuiet(Duration quiet) {
    Map<String, Integer> all = new TreeMap<>();
    AtomicLong lastWrite = new AtomicLong(System.nanoTime());
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              Map<String, Integer> now = writes();
              if (!now.isEmpty()) {
                now.forEach((k, v) -> all.merge(k, v, Integer::sum));
                lastWrite.set(System.nanoTime());
              }
              return System.nanoTime() - lastWrite.get() > quiet.toNanos();
            });
    return all;
  }

  /** The writes since the last reset or count, e.g. {"PATCH edgedevices/status": 20}. */
  public Map<String, Integer> writes() {
    return drain();
  }

  private Map<String, Integer> drain() {
    Map<String, Integer> counts = new TreeMap<>();
    try {
      RecordedRequest request;
      while ((request = server.takeRequest(1, TimeUnit.MILLISECONDS)) != null) {
        String method = request.getMethod();
        if (method.equals("GET")) {
          continue;
        }
        Matcher m = RESOURCE.matcher(request.getPath());
        String resource =
            m.find() ? m.group(1) + (m.group(2) == null ? "" : m.group(2)) : request.getPath();
        counts.merge(method + " " + resource, 1, Integer::sum);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return counts;
  }

  /** The count of one kind of write in {@code writes}. */
  public static int count(Map<String, Integer> writes, String key) {
    return writes.getOrDefault(key, 0);
  }
}
