package io.edgefleet.sandbox;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How many API requests the sandbox served, by verb and resource, e.g. {@code create configmaps},
 * {@code patch edgedevices/status}, {@code list edgedeployments}: the numbers for write-economy
 * measurements (a resync that changes nothing should add no writes). Verbs are the API server's:
 * get, list, watch, create, update, patch, delete, deletecollection. Requests the sandbox makes
 * itself (garbage collection) and discovery or OpenAPI requests are not counted.
 *
 * @param counts count by {@code "<verb> <resource>[/<subresource>]"}
 */
public record RequestCounts(Map<String, Long> counts) {

  private static final Set<String> WRITES =
      Set.of("create", "update", "patch", "delete", "deletecollection");

  public RequestCounts {
    counts = Map.copyOf(counts);
  }

  /** The count of one verb on one resource, e.g. {@code count("patch", "edgedevices/status")}. */
  public long count(String verb, String resource) {
    return counts.getOrDefault(verb + " " + resource, 0L);
  }

  /** Every write (create, update, patch, delete, deletecollection) on any resource. */
  public long writes() {
    return counts.entrySet().stream()
        .filter(e -> WRITES.contains(verb(e.getKey())))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  /** Every write on one resource (subresources included), e.g. {@code writes("configmaps")}. */
  public long writes(String resource) {
    return counts.entrySet().stream()
        .filter(e -> WRITES.contains(verb(e.getKey())))
        .filter(
            e -> {
              String r = e.getKey().substring(e.getKey().indexOf(' ') + 1);
              return r.equals(resource) || r.startsWith(resource + "/");
            })
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  /** Every counted request. */
  public long total() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The counts added since {@code earlier}. */
  public RequestCounts minus(RequestCounts earlier) {
    Map<String, Long> diff = new TreeMap<>();
    counts.forEach(
        (k, v) -> {
          long d = v - earlier.counts.getOrDefault(k, 0L);
          if (d != 0) {
            diff.put(k, d);
          }
        });
    return new RequestCounts(diff);
  }

  @Override
  public String toString() {
    return new TreeMap<>(counts).toString();
  }

  private static String verb(String key) {
    return key.substring(0, key.indexOf(' '));
  }
}
