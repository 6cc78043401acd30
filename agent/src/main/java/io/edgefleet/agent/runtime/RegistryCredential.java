package io.edgefleet.agent.runtime;

/**
 * Credentials for a container registry, from the device's registry Secret.
 *
 * @param name the credential's name in the manifest ({@code registryCredentials.<name>})
 * @param address the registry address, e.g. {@code contoso.azurecr.io}
 * @param username the user name
 * @param password the password (never logged: {@link #toString()} leaves it out)
 */
public record RegistryCredential(String name, String address, String username, String password) {

  /** Whether an image reference is pulled from this registry. */
  public boolean covers(String image) {
    return image.startsWith(address + "/");
  }

  @Override
  public String toString() {
    return "RegistryCredential[name=" + name + ", address=" + address + ", username=<redacted>]";
  }
}
