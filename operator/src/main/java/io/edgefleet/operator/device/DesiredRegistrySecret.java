package io.edgefleet.operator.device;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgefleet.api.contract.GeneratedObjects;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.edgefleet.engine.resolve.CredentialSource;
import io.edgefleet.engine.resolve.ResolvedConfiguration;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Builds a device's registry Secret from the Secrets its deployments reference: for each credential
 * {@code <name>.username} and {@code <name>.password}. A referenced Secret may hold the two keys
 * the credential names, or be a {@code kubernetes.io/dockerconfigjson} Secret with an entry for the
 * registry address. Pure: Secrets are looked up through the given function. Values are never logged
 * or put in messages.
 */
public final class DesiredRegistrySecret {

  private static final ObjectMapper JSON = new ObjectMapper();

  private DesiredRegistrySecret() {}

  /** A Secret, or why it cannot be built. Exactly one of the two is set. */
  public record Result(Secret secret, String problem) {}

  /**
   * The registry Secret for {@code device}.
   *
   * @param lookup finds a Secret of the device's namespace by name, or returns null
   */
  public static Result build(
      EdgeDevice device, ResolvedConfiguration configuration, Function<String, Secret> lookup) {
    Map<String, String> data = new TreeMap<>();
    for (CredentialSource credential : configuration.registryCredentials().values()) {
      String secretName = credential.credential().getSecretName();
      Secret source = lookup.apply(secretName);
      String where =
          "registry credential "
              + credential.name()
              + " of deployment "
              + credential.suppliedBy()
              + " references Secret "
              + secretName;
      if (source == null) {
        return new Result(null, where + ", which does not exist in this namespace");
      }
      String[] pair = usernameAndPassword(source, credential);
      if (pair == null) {
        return new Result(
            null,
            where
                + ", which has neither keys '"
                + credential.sourceUsernameKey()
                + "' and '"
                + credential.sourcePasswordKey()
                + "' nor a .dockerconfigjson entry for "
                + credential.credential().getAddress());
      }
      data.put(credential.usernameKey(), encode(pair[0]));
      data.put(credential.passwordKey(), encode(pair[1]));
    }
    String name = device.getMetadata().getName();
    Secret secret =
        new SecretBuilder()
            .withNewMetadata()
            .withName(GeneratedObjects.registrySecretName(name))
            .withNamespace(device.getMetadata().getNamespace())
            .withLabels(GeneratedObjects.labels(name, GeneratedObjects.CREDENTIALS_COMPONENT))
            .withAnnotations(
                Map.of(
                    GeneratedObjects.CONTENT_HASH_ANNOTATION, GeneratedObjects.contentHash(data)))
            .withOwnerReferences(DesiredConfigMap.ownerReference(device))
            .endMetadata()
            .withType("Opaque")
            .withData(data)
            .build();
    return new Result(secret, null);
  }

  private static String[] usernameAndPassword(Secret source, CredentialSource credential) {
    Map<String, String> data = source.getData() == null ? Map.of() : source.getData();
    Map<String, String> plain = source.getStringData() == null ? Map.of() : source.getStringData();
    String user = value(data, plain, credential.sourceUsernameKey());
    String password = value(data, plain, credential.sourcePasswordKey());
    if (user != null && password != null) {
      return new String[] {user, password};
    }
    String dockerConfig = value(data, plain, ".dockerconfigjson");
    return dockerConfig == null
        ? null
        : fromDockerConfig(dockerConfig, credential.credential().getAddress());
  }

  private static String value(Map<String, String> data, Map<String, String> plain, String key) {
    if (plain.containsKey(key)) {
      return plain.get(key);
    }
    String encoded = data.get(key);
    if (encoded == null) {
      return null;
    }
    try {
      return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String[] fromDockerConfig(String json, String address) {
    try {
      JsonNode entry = JSON.readTree(json).path("auths").path(address);
      if (entry.hasNonNull("username") && entry.hasNonNull("password")) {
        return new String[] {entry.get("username").asText(), entry.get("password").asText()};
      }
      if (entry.hasNonNull("auth")) {
        String auth =
            new String(
                Base64.getDecoder().decode(entry.get("auth").asText()), StandardCharsets.UTF_8);
        int colon = auth.indexOf(':');
        return colon < 0
            ? null
            : new String[] {auth.substring(0, colon), auth.substring(colon + 1)};
      }
      return null;
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }

  private static String encode(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }
}
