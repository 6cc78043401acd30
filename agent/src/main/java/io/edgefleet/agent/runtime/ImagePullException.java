package io.edgefleet.agent.runtime;

/**
 * One or more images a new configuration needs could not be pulled. Nothing that runs was changed;
 * the message names each image, its registry and the registry's answer (never a credential).
 */
public class ImagePullException extends RuntimeException {

  public ImagePullException(String message) {
    super(message);
  }
}
