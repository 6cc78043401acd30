package io.edgefleet.operator.device;

import io.edgefleet.api.contract.GeneratedObjects;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.edgefleet.engine.resolve.CredentialSource;
import io.edgefleet.engine.resolve.ResolvedConfiguration;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Builds a device's registry Secret from the Secrets its deployments reference: for each credential
 * {@code <name>.username} and {@code <name>.password}. Only Secrets meant for registry credentials
 * are read (see {@link #REGISTRY_CREDENTIAL_LABEL}); any other Secret is refused, so that whoever
 * may write a deployment cannot copy, say, a database password to a device. Pure: Secrets are
 * looked up through the given function. Values are never logged or put in messages.
 */
public final class DesiredRegistrySecret {

  /** Label by which a Secret of any type is marked as holding registry credentials. */
  public static final String REGISTRY_CREDENTIAL_LABEL = "edgefleet.io/registry-credential";

  /** Secret type whose {@code .dockerconfigjson} holds credentials per registry. */
  public static final String DOCKER_CONFIG_JSON = "kubernetes.io/dockerconfigjson";

  /** Secret type holding one user name and password. */
  public static final String BASIC_AUTH = "kubernetes.io/basic-auth";

  private DesiredRegistrySecret() {}

  /** Why no Secret can be built. */
  public enum Problem {
    /** A referenced Secret, or the entry it needs, is missing. */
    MISSING,
    /** A referenced Secret is not meant for registry credentials. */
    REFUSED
  }

  /**
   * A Secret, or why it cannot be built. Exactly one of {@code secret} and {@code message} is set.
   */
  public record Result(Secret secret, Problem problem, String message) {}

  /** Whether a Secret may be read for registry credentials. */
  public static boolean meantForRegistryCredentials(Secret secret) {
    Map<String, String> labels = secret.getMetadata().getLabels();
    return DOCKER_CONFIG_JSON.equals(secret.getType())
        || BASIC_AUTH.equals(secret.getType())
        || (labels != null && "true".equals(labels.get(REGISTRY_CREDENTIAL_LABEL)));
  }

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
        return new Result(
            null, Problem.MISSING, where + ", which does not exist in this namespace");
      }
      if (!meantForRegistryCredentials(source)) {
        return new Result(
            null,
            Problem.REFUSED,
            where
                + " of type "
                + (source.getType() == null ? "Opaque" : source.getType())
                + ", which is not meant for registry credentials: use a Secret of type "
                + DOCKER_CONFIG_JSON
                + " or "
                + BASIC_AUTH
                + ", or label it "
                + REGISTRY_CREDENTIAL_LABEL
                + "=true; nothing was copied");
      }
      DockerConfigCredentials.Credentials pair = usernameAndPassword(source, credential);
      if (pair == null) {
        return new Result(null, Problem.MISSING, where + ", which " + lacks(source, credential));
      }
      data.put(credential.usernameKey(), encode(pair.username()));
      data.put(credential.passwordKey(), encode(pair.password()));
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
    return new Result(secret, null, null);
  }

  /**
   * The credentials a Secret meant for them holds: a {@code .dockerconfigjson} entry for the
   * registry (matched as kubelet matches it), or the two keys the credential names.
   */
  private static DockerConfigCredentials.Credentials usernameAndPassword(
      Secret source, CredentialSource credential) {
    Map<String, String> data = source.getData() == null ? Map.of() : source.getData();
    Map<String, String> plain = source.getStringData() == null ? Map.of() : source.getStringData();
    String dockerConfig = value(data, plain, ".dockerconfigjson");
    if (DOCKER_CONFIG_JSON.equals(source.getType())) {
      return dockerConfig == null
          ? null
          : DockerConfigCredentials.find(dockerConfig, credential.credential().getAddress());
    }
    String user = value(data, plain, credential.sourceUsernameKey());
    String password = value(data, plain, credential.sourcePasswordKey());
    if (user != null && password != null) {
      return new DockerConfigCredentials.Credentials(user, password);
    }
    return dockerConfig == null
        ? null
        : DockerConfigCredentials.find(dockerConfig, credential.credential().getAddress());
  }

  private static String lacks(Secret source, CredentialSource credential) {
    String address = credential.credential().getAddress();
    if (DOCKER_CONFIG_JSON.equals(source.getType())) {
      return "has no .dockerconfigjson entry for " + address;
    }
    return "has neither keys '"
        + credential.sourceUsernameKey()
        + "' and '"
        + credential.sourcePasswordKey()
        + "' nor a .dockerconfigjson entry for "
        + address;
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

  private static String encode(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }
}
