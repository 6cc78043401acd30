package io.edgefleet.api.v1alpha1;

/** Names shared by the EdgeFleet custom resources. */
public final class EdgeFleetApi {
  /** The API group. */
  public static final String GROUP = "edgefleet.io";

  /** The API version within the group. */
  public static final String VERSION = "v1alpha1";

  /** {@code group/version}, as written in {@code apiVersion}. */
  public static final String API_VERSION = GROUP + "/" + VERSION;

  /** The kubectl category both kinds belong to ({@code kubectl get edgefleet}). */
  public static final String CATEGORY = "edgefleet";

  /** The largest value of a 32-bit integer field (a Java {@code Integer}). */
  public static final double MAX_INT32 = 2147483647;

  /**
   * The largest value of a count or generation field (a Java {@code Long}): 2^53 - 1, the largest
   * integer a JSON number keeps exactly everywhere.
   */
  public static final double MAX_COUNT = 9007199254740991.0;

  private EdgeFleetApi() {}
}
