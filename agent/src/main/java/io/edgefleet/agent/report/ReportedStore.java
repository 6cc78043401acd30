package io.edgefleet.agent.report;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Where a device's reported properties live: its EdgeDevice's {@code status.reported}. */
public interface ReportedStore {

  /**
   * The reported properties the server holds now (empty when there are none).
   *
   * @throws Exception when they cannot be read (the reporter retries)
   */
  ObjectNode read() throws Exception;

  /**
   * Sends a JSON merge patch of the reported properties: {@code {"status": {"reported": patch}}} on
   * the status subresource.
   *
   * @return the reported properties the server holds afterwards
   * @throws Exception when the patch fails (the reporter retries)
   */
  ObjectNode patch(ObjectNode reportedPatch) throws Exception;
}
