package io.edgefleet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.Objects;

/**
 * A private container registry and the Secret (in the deployment's namespace) that holds its
 * credentials. Secret values never appear in a ConfigMap, a status, an event or a log.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RegistryCredential {

  @Required
  @Size(min = 1, max = 512)
  @JsonPropertyDescription("Registry address, e.g. myregistry.azurecr.io.")
  private String address;

  @Required
  @Size(min = 1, max = 253)
  @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
  @JsonPropertyDescription(
      "Name of the Secret, in the same namespace, holding the credentials. Only a Secret meant for"
          + " registry credentials is read: type kubernetes.io/dockerconfigjson (the entry for this"
          + " address, matched as kubelet does), type kubernetes.io/basic-auth, or any Secret"
          + " labelled edgefleet.io/registry-credential=true.")
  private String secretName;

  @Size(min = 1, max = 253)
  @JsonPropertyDescription("Key of the user name in the Secret; default 'username'.")
  private String usernameKey;

  @Size(min = 1, max = 253)
  @JsonPropertyDescription("Key of the password in the Secret; default 'password'.")
  private String passwordKey;

  public String getAddress() {
    return address;
  }

  public void setAddress(String address) {
    this.address = address;
  }

  public String getSecretName() {
    return secretName;
  }

  public void setSecretName(String secretName) {
    this.secretName = secretName;
  }

  public String getUsernameKey() {
    return usernameKey;
  }

  public void setUsernameKey(String usernameKey) {
    this.usernameKey = usernameKey;
  }

  public String getPasswordKey() {
    return passwordKey;
  }

  public void setPasswordKey(String passwordKey) {
    this.passwordKey = passwordKey;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RegistryCredential r
        && Objects.equals(address, r.address)
        && Objects.equals(secretName, r.secretName)
        && Objects.equals(usernameKey, r.usernameKey)
        && Objects.equals(passwordKey, r.passwordKey);
  }

  @Override
  public int hashCode() {
    return Objects.hash(address, secretName, usernameKey, passwordKey);
  }
}
