package io.edgefleet.engine.azure;

/** A part of an Azure manifest that EdgeFleet cannot represent, and where it is. */
public final class AzureFormatException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String path;

  /**
   * @param path the JSON path, e.g. {@code modulesContent.$edgeAgent["properties.desired"]}
   * @param problem what is wrong there
   */
  public AzureFormatException(String path, String problem) {
    super(path + ": " + problem);
    this.path = path;
  }

  /** The JSON path of the offending part. */
  public String path() {
    return path;
  }
}
