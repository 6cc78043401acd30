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

  private EdgeFleetApi() {}
}
