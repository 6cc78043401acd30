package io.edgefleet.engine.resolve;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One placeholder filled in for a device: where it is, which deployment holds it, and the value it
 * took from the device's twin.
 *
 * @param deployment the deployment whose content holds the placeholder
 * @param field the field of that deployment, e.g. {@code spec.modules.RoomDisplay.env.ROOM}
 * @param placeholder the placeholder as written, e.g. {@code ${tags.room}}
 * @param value the value read from the device (as JSON)
 */
public record ParameterUse(String deployment, String field, String placeholder, JsonNode value) {}
