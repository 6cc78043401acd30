package io.edgefleet.engine.resolve;

/**
 * A placeholder that could not be filled in for a device: its value is missing, or it is an object
 * or array inside a string. The device keeps its current configuration.
 *
 * @param deployment the deployment whose content holds the placeholder
 * @param field the field of that deployment, e.g. {@code spec.modules.RoomDisplay.env.ROOM}
 * @param placeholder the placeholder as written, e.g. {@code ${tags.room}}
 * @param problem what is wrong with the value
 */
public record ParameterError(String deployment, String field, String placeholder, String problem) {

  /** The whole story in one line: placeholder, field, deployment and problem. */
  public String message() {
    return "placeholder "
        + placeholder
        + " in "
        + field
        + " of deployment "
        + deployment
        + ": "
        + problem;
  }
}
