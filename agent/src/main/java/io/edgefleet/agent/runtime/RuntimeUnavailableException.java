package io.edgefleet.agent.runtime;

/**
 * The module runtime cannot be reached (a Docker daemon that is down, a containerd socket that is
 * missing). The agent reports 406 and tries again later.
 */
public class RuntimeUnavailableException extends RuntimeException {

  public RuntimeUnavailableException(String message) {
    super(message);
  }

  public RuntimeUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
