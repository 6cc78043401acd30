package io.edgefleet.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The checks of the Kubernetes "restricted" Pod Security Standard (which includes "baseline"),
 * applied to a rendered pod spec, field by field. Returns what violates it; empty means the pod
 * would be admitted in a namespace labelled pod-security.kubernetes.io/enforce=restricted.
 */
final class RestrictedPodSecurity {

  private static final Set<String> RESTRICTED_VOLUME_TYPES =
      Set.of(
          "configMap",
          "csi",
          "downwardAPI",
          "emptyDir",
          "ephemeral",
          "persistentVolumeClaim",
          "projected",
          "secret");
  private static final Set<String> SAFE_SYSCTLS =
      Set.of(
          "kernel.shm_rmid_forced",
          "net.ipv4.ip_local_port_range",
          "net.ipv4.ip_unprivileged_port_start",
          "net.ipv4.tcp_syncookies",
          "net.ipv4.ping_group_range",
          "net.ipv4.ip_local_reserved_ports",
          "net.ipv4.tcp_keepalive_time",
          "net.ipv4.tcp_fin_timeout",
          "net.ipv4.tcp_keepalive_intvl",
          "net.ipv4.tcp_keepalive_probes");

  private RestrictedPodSecurity() {}

  static List<String> violations(JsonNode podSpec) {
    List<String> problems = new ArrayList<>();
    JsonNode pod = podSpec.path("securityContext");

    // baseline
    for (String hostNamespace : List.of("hostNetwork", "hostPID", "hostIPC")) {
      if (podSpec.path(hostNamespace).asBoolean(false)) {
        problems.add("pod: " + hostNamespace + " must not be true");
      }
    }
    for (JsonNode sysctl : pod.path("sysctls")) {
      if (!SAFE_SYSCTLS.contains(sysctl.path("name").asText())) {
        problems.add("pod: sysctl " + sysctl.path("name").asText() + " is not a safe sysctl");
      }
    }
    checkSeLinux("pod", pod, problems);
    checkAppArmor("pod", pod, problems);

    // restricted: pod level
    for (JsonNode volume : podSpec.path("volumes")) {
      volume
          .fieldNames()
          .forEachRemaining(
              field -> {
                if (!field.equals("name") && !RESTRICTED_VOLUME_TYPES.contains(field)) {
                  problems.add(
                      "volume "
                          + volume.path("name").asText()
                          + ": type "
                          + field
                          + " not allowed");
                }
              });
    }
    if (pod.has("runAsUser") && pod.path("runAsUser").asLong() == 0) {
      problems.add("pod: runAsUser must not be 0");
    }
    boolean podNonRoot = pod.path("runAsNonRoot").asBoolean(false);
    String podSeccomp = pod.path("seccompProfile").path("type").asText("");
    if (!podSeccomp.isEmpty() && !isAllowedSeccomp(podSeccomp)) {
      problems.add(
          "pod: seccompProfile.type must be RuntimeDefault or Localhost, not " + podSeccomp);
    }

    List<JsonNode> containers = new ArrayList<>();
    podSpec.path("initContainers").forEach(containers::add);
    podSpec.path("containers").forEach(containers::add);
    if (containers.isEmpty()) {
      problems.add("pod: no containers");
    }
    for (JsonNode container : containers) {
      String where = "container " + container.path("name").asText();
      JsonNode sc = container.path("securityContext");
      // baseline
      if (sc.path("privileged").asBoolean(false)) {
        problems.add(where + ": privileged must not be true");
      }
      String procMount = sc.path("procMount").asText("Default");
      if (!procMount.equals("Default")) {
        problems.add(where + ": procMount must be Default");
      }
      for (JsonNode port : container.path("ports")) {
        if (port.path("hostPort").asInt(0) != 0) {
          problems.add(where + ": hostPort must not be set");
        }
      }
      checkSeLinux(where, sc, problems);
      checkAppArmor(where, sc, problems);
      // restricted
      if (!sc.has("allowPrivilegeEscalation")
          || sc.path("allowPrivilegeEscalation").asBoolean(true)) {
        problems.add(where + ": allowPrivilegeEscalation must be false");
      }
      boolean nonRoot =
          sc.has("runAsNonRoot") ? sc.path("runAsNonRoot").asBoolean(false) : podNonRoot;
      if (!nonRoot) {
        problems.add(where + ": runAsNonRoot must be true (on the container or the pod)");
      }
      if (sc.has("runAsUser") && sc.path("runAsUser").asLong() == 0) {
        problems.add(where + ": runAsUser must not be 0");
      }
      String seccomp = sc.path("seccompProfile").path("type").asText("");
      if (seccomp.isEmpty() ? !isAllowedSeccomp(podSeccomp) : !isAllowedSeccomp(seccomp)) {
        problems.add(
            where
                + ": seccompProfile.type must be RuntimeDefault or Localhost (on the container or the pod)");
      }
      boolean dropsAll = false;
      for (JsonNode drop : sc.path("capabilities").path("drop")) {
        dropsAll |= drop.asText().equals("ALL");
      }
      if (!dropsAll) {
        problems.add(where + ": capabilities.drop must contain ALL");
      }
      for (JsonNode add : sc.path("capabilities").path("add")) {
        if (!add.asText().equals("NET_BIND_SERVICE")) {
          problems.add(where + ": capability " + add.asText() + " must not be added");
        }
      }
    }
    return problems;
  }

  private static boolean isAllowedSeccomp(String type) {
    return type.equals("RuntimeDefault") || type.equals("Localhost");
  }

  private static void checkSeLinux(String where, JsonNode securityContext, List<String> problems) {
    JsonNode seLinux = securityContext.path("seLinuxOptions");
    if (seLinux.has("user") || seLinux.has("role")) {
      problems.add(where + ": seLinuxOptions.user and .role must not be set");
    }
    String type = seLinux.path("type").asText("");
    if (!Set.of("", "container_t", "container_init_t", "container_kvm_t", "container_engine_t")
        .contains(type)) {
      problems.add(where + ": seLinuxOptions.type " + type + " not allowed");
    }
  }

  private static void checkAppArmor(String where, JsonNode securityContext, List<String> problems) {
    if (securityContext.path("appArmorProfile").path("type").asText("").equals("Unconfined")) {
      problems.add(where + ": appArmorProfile.type must not be Unconfined");
    }
  }
}
