package io.edgefleet.operator.support;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
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
