package io.edgefleet.agent.rbac;

import io.edgefleet.api.contract.ContentHash;
import io.edgefleet.api.contract.GeneratedObjects;
import io.edgefleet.api.v1alpha1.EdgeFleetApi;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The least privilege of one device's agent: a ServiceAccount, and a Role bound to it that allows
 * reading its own ConfigMap and registry Secret, reading its own EdgeDevice and patching that
 * device's status; each rule pinned to one object with {@code resourceNames}. Nothing else: not
 * another device's configuration or secrets, not the device's spec (its tags), not events.
 *
 * <p>A {@code list} or {@code watch} is allowed by {@code resourceNames} only when the request
 * names the object with a {@code metadata.name} field selector, which is how the agent's informers
 * ask.
 */
public final class AgentRbac {

  private static final int MAX_NAME = 253;
  private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final Pattern OBJECT_NAME =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private AgentRbac() {}

  /** The name of the ServiceAccount, Role and RoleBinding of a device's agent. */
  public static String name(String device) {
    String name = "edgefleet-agent-" + device;
    if (name.length() <= MAX_NAME) {
      return name;
    }
    String hash = ContentHash.of(name);
    return name.substring(0, MAX_NAME - hash.length() - 1) + "-" + hash;
  }

  /** The rules of a device agent's Role. */
  public static List<PolicyRule> rules(String device) {
    List<String> read = List.of("get", "list", "watch");
    return List.of(
        new PolicyRuleBuilder()
            .withApiGroups("")
            .withResources("configmaps")
            .withResourceNames(GeneratedObjects.configMapName(device))
            .withVerbs(read)
            .build(),
        new PolicyRuleBuilder()
            .withApiGroups("")
            .withResources("secrets")
            .withResourceNames(GeneratedObjects.registrySecretName(device))
            .withVerbs(read)
            .build(),
        new PolicyRuleBuilder()
            .withApiGroups(EdgeFleetApi.GROUP)
            .withResources("edgedevices")
            .withResourceNames(device)
            .withVerbs(read)
            .build(),
        new PolicyRuleBuilder()
            .withApiGroups(EdgeFleetApi.GROUP)
            .withResources("edgedevices/status")
            .withResourceNames(device)
            .withVerbs("patch")
            .build());
  }

  /**
   * The ServiceAccount, Role and RoleBinding for {@code device}'s agent, in that order.
   *
   * @throws IllegalArgumentException when the namespace or device name is not a valid name
   */
  public static List<HasMetadata> objects(String namespace, String device) {
    if (!NAMESPACE.matcher(namespace).matches()) {
      throw new IllegalArgumentException(
          "'" + namespace + "' is not a namespace name (lower case letters, digits and '-')");
    }
    if (device.length() > MAX_NAME || !OBJECT_NAME.matcher(device).matches()) {
      throw new IllegalArgumentException(
          "'" + device + "' is not an EdgeDevice name (lower case letters, digits, '-' and '.')");
    }
    String name = name(device);
    Map<String, String> labels = labels(device);
    ServiceAccount account =
        new ServiceAccountBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .withLabels(labels)
            .endMetadata()
            .withAutomountServiceAccountToken(true)
            .build();
    Role role =
        new RoleBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .withLabels(labels)
            .endMetadata()
            .withRules(rules(device))
            .build();
    RoleBinding binding =
        new RoleBindingBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .withLabels(labels)
            .endMetadata()
            .withNewRoleRef("rbac.authorization.k8s.io", "Role", name)
            .addNewSubject()
            .withKind("ServiceAccount")
            .withName(name)
            .withNamespace(namespace)
            .endSubject()
            .build();
    return List.of(account, role, binding);
  }

  /** The objects as one multi-document YAML text, ready for {@code kubectl apply -f -}. */
  public static String yaml(String namespace, String device) {
    KubernetesSerialization serialization = new KubernetesSerialization();
    StringBuilder text = new StringBuilder();
    text.append("# Least privilege for the agent of EdgeDevice ")
        .append(namespace)
        .append('/')
        .append(device)
        .append(" (edgefleet agent-rbac)\n");
    for (HasMetadata object : objects(namespace, device)) {
      String doc = serialization.asYaml(object);
      text.append(doc.startsWith("---") ? doc : "---\n" + doc);
      if (!doc.endsWith("\n")) {
        text.append('\n');
      }
    }
    return text.toString();
  }

  private static Map<String, String> labels(String device) {
    Map<String, String> labels = new TreeMap<>();
    labels.put("app.kubernetes.io/name", "edgefleet-agent");
    labels.put("app.kubernetes.io/component", "device-agent");
    labels.put(GeneratedObjects.DEVICE_LABEL, GeneratedObjects.deviceLabelValue(device));
    return labels;
  }
}
