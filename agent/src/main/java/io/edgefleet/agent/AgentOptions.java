package io.edgefleet.agent;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;

/**
 * How an agent behaves, beyond which device it serves.
 *
 * @param reported static reported properties (e.g. {@code devicemodel}), see {@link
 *     ReportedProperties}
 * @param moduleReportInterval the least time between two reports that carry only module state
 *     changes (a new desired version or status is reported at once)
 * @param credentialWait how long a configuration waits for the registry Secret it needs before the
 *     agent reports 500
 * @param runtimeRetry how long the agent waits before trying an unreachable module runtime again
 * @param logEachDevice whether applying and reporting are logged at INFO (one agent) or DEBUG (a
 *     simulated fleet)
 * @param runEdgeHub whether the agent runs the manifest's edgeHub module (the simulator does; the
 *     Docker runtime only when told to, since Microsoft's edgeHub image needs an IoT Hub)
 */
public record AgentOptions(
    ObjectNode reported,
    Duration moduleReportInterval,
    Duration credentialWait,
    Duration runtimeRetry,
    boolean logEachDevice,
    boolean runEdgeHub) {

  public AgentOptions {
    reported = reported == null ? JsonNodeFactory.instance.objectNode() : reported.deepCopy();
  }

  /**
   * Defaults: module changes at most every 5 s, 30 s for credentials, runtime retried every 10 s.
   */
  public static AgentOptions defaults() {
    return new AgentOptions(
        null, Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(10), true, true);
  }

  /** A copy with other static reported properties. */
  public AgentOptions withReported(ObjectNode properties) {
    return new AgentOptions(
        properties, moduleReportInterval, credentialWait, runtimeRetry, logEachDevice, runEdgeHub);
  }

  /** A copy with another module report interval. */
  public AgentOptions withModuleReportInterval(Duration interval) {
    return new AgentOptions(
        reported, interval, credentialWait, runtimeRetry, logEachDevice, runEdgeHub);
  }

  /** A copy with another credential wait. */
  public AgentOptions withCredentialWait(Duration wait) {
    return new AgentOptions(
        reported, moduleReportInterval, wait, runtimeRetry, logEachDevice, runEdgeHub);
  }

  /** A copy with another runtime retry interval. */
  public AgentOptions withRuntimeRetry(Duration retry) {
    return new AgentOptions(
        reported, moduleReportInterval, credentialWait, retry, logEachDevice, runEdgeHub);
  }

  /** A copy that runs edgeHub or not. */
  public AgentOptions withRunEdgeHub(boolean run) {
    return new AgentOptions(
        reported, moduleReportInterval, credentialWait, runtimeRetry, logEachDevice, run);
  }

  /** A copy that logs each device at DEBUG only. */
  public AgentOptions quiet() {
    return new AgentOptions(
        reported, moduleReportInterval, credentialWait, runtimeRetry, false, runEdgeHub);
  }
}
