package io.edgefleet.agent.runtime.docker;

/**
 * An image reference split the way the Docker engine's pull API wants it, e.g. {@code
 * 127.0.0.1:5000/team/filter:1.2} is repository {@code 127.0.0.1:5000/team/filter}, tag {@code
 * 1.2}; a reference without tag or digest means {@code latest}. Pure.
 *
 * @param repository everything before the tag or digest
 * @param tag the tag, or the digest ({@code sha256:...})
 * @param digest whether {@code tag} is a digest
 */
record ImageReference(String repository, String tag, boolean digest) {

  static ImageReference parse(String image) {
    int at = image.indexOf('@');
    if (at >= 0) {
      return new ImageReference(image.substring(0, at), image.substring(at + 1), true);
    }
    int colon = image.lastIndexOf(':');
    if (colon > image.lastIndexOf('/')) {
      return new ImageReference(image.substring(0, colon), image.substring(colon + 1), false);
    }
    return new ImageReference(image, "latest", false);
  }

  /**
   * The registry the image comes from: the first path component when it looks like a host ({@code
   * a.b}, {@code host:port} or {@code localhost}), else Docker Hub.
   */
  String registry() {
    int slash = repository.indexOf('/');
    if (slash > 0) {
      String first = repository.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        return first;
      }
    }
    return "docker.io";
  }

  /** The reference again, with its tag or digest. */
  @Override
  public String toString() {
    return repository + (digest ? "@" : ":") + tag;
  }
}
