package io.edgefleet.engine.query;

/** Where a property path reads its value from. */
public enum Scope {
  /** {@code deviceId}: the device id, a string. */
  DEVICE_ID,
  /** {@code tags.a.b}: the device's tags. */
  TAGS,
  /** {@code properties.reported.a.b}: the properties the device reports. */
  REPORTED,
  /** {@code configurations.[[name]].status}: one segment, the deployment name. */
  CONFIGURATION_STATUS,
  /** A bare name in a route condition: one application property of the message. */
  APPLICATION_PROPERTY,
  /** {@code $name} in a route condition: one system property of the message. */
  SYSTEM_PROPERTY,
  /** {@code $body.a.b} in a route condition: the JSON body of the message. */
  BODY;

  /** True for the scopes of route conditions (message properties and body). */
  public boolean isMessageScope() {
    return this == APPLICATION_PROPERTY || this == SYSTEM_PROPERTY || this == BODY;
  }
}
