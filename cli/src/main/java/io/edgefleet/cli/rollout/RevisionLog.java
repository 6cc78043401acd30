package io.edgefleet.cli.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.RevisionDevices;
import io.edgefleet.engine.rollout.Revisions;
import io.edgefleet.operator.rollout.RevisionHistory;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The stored revisions of one deployment (the ControllerRevisions the operator keeps, see
 * docs/rollouts.md), oldest first, with what the deployment's status says of them.
 */
final class RevisionLog {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * One revision.
   *
   * @param number its revision number
   * @param name the ControllerRevision's name
   * @param hash the content hash
   * @param changeCause the kubernetes.io/change-cause it was created with, or null
   * @param devices devices holding it, as the deployment's status counts them, or null
   * @param content the content it restores (runtime, credentials, modules, twins, routes)
   */
  record Entry(
      long number,
      String name,
      String hash,
      String changeCause,
      Long devices,
      ObjectNode content) {}

  private final List<Entry> entries;

  private RevisionLog(List<Entry> entries) {
    this.entries = entries;
  }

  /** The revisions of {@code deployment} stored in its namespace. */
  static RevisionLog read(KubernetesClient client, EdgeDeployment deployment) {
    var metadata = deployment.getMetadata();
    Map<String, Long> devices = new HashMap<>();
    if (deployment.getStatus() != null && deployment.getStatus().getRevisions() != null) {
      for (RevisionDevices r : deployment.getStatus().getRevisions()) {
        if (r.getName() != null && r.getDevices() != null) {
          devices.put(r.getName(), r.getDevices());
        }
      }
    }
    List<Entry> entries =
        client
            .apps()
            .controllerRevisions()
            .inNamespace(metadata.getNamespace())
            .withLabel(
                RevisionHistory.DEPLOYMENT_LABEL,
                RevisionHistory.deploymentLabel(metadata.getName()))
            .list()
            .getItems()
            .stream()
            .filter(r -> ownedBy(r, deployment))
            .map(r -> entry(r, devices))
            .sorted(Comparator.comparingLong(Entry::number))
            .toList();
    return new RevisionLog(entries);
  }

  /** Every revision, oldest first. */
  List<Entry> entries() {
    return entries;
  }

  /** The revision numbered {@code number}, or null. */
  Entry number(long number) {
    return entries.stream().filter(e -> e.number() == number).findFirst().orElse(null);
  }

  /** The revision whose content hash is {@code hash}, or null. */
  Entry withHash(String hash) {
    return entries.stream().filter(e -> e.hash().equals(hash)).findFirst().orElse(null);
  }

  /** The newest revision older than the one with content hash {@code hash}, or null. */
  Entry before(String hash) {
    Entry now = withHash(hash);
    long limit = now == null ? Long.MAX_VALUE : now.number();
    return entries.stream()
        .filter(e -> e.number() < limit && !e.hash().equals(hash))
        .max(Comparator.comparingLong(Entry::number))
        .orElse(null);
  }

  private static Entry entry(ControllerRevision revision, Map<String, Long> devices) {
    var metadata = revision.getMetadata();
    ObjectNode content =
        revision.getData() == null
            ? MAPPER.createObjectNode()
            : MAPPER.valueToTree(revision.getData());
    String hash =
        metadata.getLabels() == null ? null : metadata.getLabels().get(RevisionHistory.HASH_LABEL);
    if (hash == null || hash.isEmpty()) {
      hash = Revisions.hashOfContent(content);
    }
    return new Entry(
        revision.getRevision() == null ? 0 : revision.getRevision(),
        metadata.getName(),
        hash,
        metadata.getAnnotations() == null
            ? null
            : metadata.getAnnotations().get(RevisionHistory.CHANGE_CAUSE_ANNOTATION),
        devices.get(metadata.getName()),
        content);
  }

  private static boolean ownedBy(ControllerRevision revision, EdgeDeployment deployment) {
    String uid = deployment.getMetadata().getUid();
    var owners = revision.getMetadata().getOwnerReferences();
    return uid == null
        || owners == null
        || owners.isEmpty()
        || owners.stream().anyMatch(o -> Objects.equals(uid, o.getUid()));
  }

  /** The content of {@code deployment}'s spec now. */
  static JsonNode contentNow(EdgeDeployment deployment) {
    return Revisions.content(deployment.getSpec());
  }
}
