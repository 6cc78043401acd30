package io.edgefleet.engine.manifest;

/** The values EdgeFleet writes when a spec leaves a setting out (documented in the CRD). */
public final class ManifestDefaults {

  /** edgeAgent image when the runtime does not name one. */
  public static final String EDGE_AGENT_IMAGE = "mcr.microsoft.com/azureiotedge-agent:1.5";

  /** edgeHub image when the runtime does not name one. */
  public static final String EDGE_HUB_IMAGE = "mcr.microsoft.com/azureiotedge-hub:1.5";

  /**
   * edgeHub create options when the runtime does not give any: publish the MQTT, AMQP and HTTPS
   * ports, as the Azure portal does.
   */
  public static final String EDGE_HUB_CREATE_OPTIONS =
      "{\"HostConfig\":{\"PortBindings\":{\"443/tcp\":[{\"HostPort\":\"443\"}],"
          + "\"5671/tcp\":[{\"HostPort\":\"5671\"}],\"8883/tcp\":[{\"HostPort\":\"8883\"}]}}}";

  /** Minimum Docker version when the runtime does not give one. */
  public static final String MIN_DOCKER_VERSION = "v1.25";

  /** Store-and-forward time to live, seconds. */
  public static final long STORE_AND_FORWARD_TTL_SECS = 7200;

  private ManifestDefaults() {}
}
