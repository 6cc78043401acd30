package io.edgefleet.engine.resolve;

import io.edgefleet.api.v1alpha1.RegistryCredential;

/**
 * A registry credential in a resolved configuration and the deployment that supplied it.
 *
 * @param name the credential's name, also the prefix of its keys in the device's registry Secret
 * @param credential address and the user's Secret reference
 * @param suppliedBy the deployment it came from
 */
public record CredentialSource(String name, RegistryCredential credential, String suppliedBy) {

  /** The key of the user name in the device's registry Secret. */
  public String usernameKey() {
    return name + ".username";
  }

  /** The key of the password in the device's registry Secret. */
  public String passwordKey() {
    return name + ".password";
  }

  /** The key of the user name in the user's Secret. */
  public String sourceUsernameKey() {
    return credential.getUsernameKey() == null ? "username" : credential.getUsernameKey();
  }

  /** The key of the password in the user's Secret. */
  public String sourcePasswordKey() {
    return credential.getPasswordKey() == null ? "password" : credential.getPasswordKey();
  }
}
