package io.edgefleet.operator.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgefleet.api.contract.ContentHash;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.engine.rollout.Revisions;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.ControllerRevisionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every content of a deployment as a {@code ControllerRevision} owned by it (docs/rollouts.md):
 * named {@code <deployment>-<content hash>}, numbered 1, 2, ... (a content that comes back gets the
 * next number, as Kubernetes does), at most {@code revisionHistoryLimit} earlier ones kept.
 */
public final class RevisionHistory {

  /** Label on a revision naming its deployment. */
  public static final String DEPLOYMENT_LABEL = "edgefleet.io/deployment";

  /** Label on a revision holding its content hash. */
  public static final String HASH_LABEL = "edgefleet.io/revision-hash";

  /**
   * Annotation saying why a content changed; copied from the deployment onto the revision it
   * creates (as Kubernetes does for a Deployment's ReplicaSets), shown by {@code edgefleet rollout
   * history}.
   */
  public static final String CHANGE_CAUSE_ANNOTATION = "kubernetes.io/change-cause";

  /** {@code revisionHistoryLimit} when absent. */
  public static final int DEFAULT_HISTORY_LIMIT = 10;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** One stored revision. */
  public record Revision(String name, long number, String hash) {}

  private final KubernetesClient client;
  private final Map<String, List<Revision>> known = new ConcurrentHashMap<>();
  private final Map<String, JsonNode> contents = new ConcurrentHashMap<>();
  private final Set<String> failures = ConcurrentHashMap.newKeySet();

  private static final Logger LOG = LoggerFactory.getLogger(RevisionHistory.class);

  public RevisionHistory(KubernetesClient client) {
    this.client = client;
  }

  /** The name of the revision of {@code deployment} with content hash {@code hash}. */
  public static String name(String deployment, String hash) {
    String name = deployment + "-" + hash;
    return name.length() <= 253 ? name : deployment.substring(0, 200) + "-" + ContentHash.of(name);
  }

  /**
   * Makes sure the deployment's content now is stored as its newest revision and prunes the
   * history; returns its revisions, newest first.
   *
   * @param keep a revision never pruned (the one devices ran before), or null
   */
  public List<Revision> record(EdgeDeployment deployment, String hash, String keep) {
    try {
      return recordOrThrow(deployment, hash, keep);
    } catch (KubernetesClientException e) {
      // no revisions (e.g. an API server without ControllerRevisions, or no permission): the
      // deployment's status is still written; only undo and rollback lack their history
      if (failures.add(
          deployment.getMetadata().getNamespace()
              + "/"
              + deployment.getMetadata().getName()
              + "/"
              + hash)) {
        LOG.warn(
            "could not record revision {} of deployment {}/{}: {}",
            hash,
            deployment.getMetadata().getNamespace(),
            deployment.getMetadata().getName(),
            e.getMessage());
      }
      return List.of();
    }
  }

  private List<Revision> recordOrThrow(EdgeDeployment deployment, String hash, String keep) {
    String uid = deployment.getMetadata().getUid();
    List<Revision> revisions = known.get(uid == null ? "" : uid);
    if (revisions != null && !revisions.isEmpty() && revisions.get(0).hash().equals(hash)) {
      return revisions;
    }
    revisions = new ArrayList<>(list(deployment));
    long newest = revisions.stream().mapToLong(Revision::number).max().orElse(0);
    Revision current =
        revisions.stream().filter(r -> r.hash().equals(hash)).findFirst().orElse(null);
    String name = name(deployment.getMetadata().getName(), hash);
    if (current == null) {
      ControllerRevision created = create(deployment, name, hash, newest + 1);
      revisions.add(new Revision(name, created.getRevision(), hash));
    } else if (current.number() < newest) {
      // patched through an object naming it: a patch by name alone reads it first (a get the
      // operator is not granted)
      client
          .resource(
              new ControllerRevisionBuilder()
                  .withNewMetadata()
                  .withName(name)
                  .withNamespace(deployment.getMetadata().getNamespace())
                  .endMetadata()
                  .build())
          .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"revision\":" + (newest + 1) + "}");
      revisions.remove(current);
      revisions.add(new Revision(name, newest + 1, hash));
    }
    revisions.sort(Comparator.comparingLong(Revision::number).reversed());
    int limit =
        deployment.getSpec() == null || deployment.getSpec().getRevisionHistoryLimit() == null
            ? DEFAULT_HISTORY_LIMIT
            : deployment.getSpec().getRevisionHistoryLimit();
    List<Revision> kept = new ArrayList<>();
    for (int i = 0; i < revisions.size(); i++) {
      Revision revision = revisions.get(i);
      if (i <= limit || revision.name().equals(keep)) {
        kept.add(revision);
      } else {
        client
            .apps()
            .controllerRevisions()
            .inNamespace(deployment.getMetadata().getNamespace())
            .withName(revision.name())
            .delete();
      }
    }
    known.put(uid == null ? "" : uid, List.copyOf(kept));
    return List.copyOf(kept);
  }

  /**
   * The content stored in revision {@code name} of {@code deployment}, or null when there is no
   * such revision.
   */
  public JsonNode content(String namespace, String deployment, String name) {
    JsonNode cached = contents.get(namespace + "/" + name);
    if (cached != null) {
      return cached;
    }
    ControllerRevision revision;
    try {
      revision = find(namespace, deployment, name);
    } catch (KubernetesClientException e) {
      return null;
    }
    if (revision == null || revision.getData() == null) {
      return null;
    }
    JsonNode content = MAPPER.valueToTree(revision.getData());
    contents.put(namespace + "/" + name, content);
    return content;
  }

  /** Revision {@code name} of {@code deployment}, found by listing (the operator needs no get). */
  private ControllerRevision find(String namespace, String deployment, String name) {
    return client
        .apps()
        .controllerRevisions()
        .inNamespace(namespace)
        .withLabel(DEPLOYMENT_LABEL, deploymentLabel(deployment))
        .list()
        .getItems()
        .stream()
        .filter(r -> name.equals(r.getMetadata().getName()))
        .findFirst()
        .orElse(null);
  }

  /** Forgets what is known of a deleted deployment. */
  public void forget(EdgeDeployment deployment) {
    known.remove(
        deployment.getMetadata().getUid() == null ? "" : deployment.getMetadata().getUid());
  }

  private List<Revision> list(EdgeDeployment deployment) {
    return client
        .apps()
        .controllerRevisions()
        .inNamespace(deployment.getMetadata().getNamespace())
        .withLabel(DEPLOYMENT_LABEL, deploymentLabel(deployment.getMetadata().getName()))
        .list()
        .getItems()
        .stream()
        .filter(r -> ownedBy(r, deployment))
        .map(
            r ->
                new Revision(
                    r.getMetadata().getName(),
                    r.getRevision() == null ? 0 : r.getRevision(),
                    r.getMetadata().getLabels().getOrDefault(HASH_LABEL, "")))
        .toList();
  }

  private static boolean ownedBy(ControllerRevision revision, EdgeDeployment deployment) {
    String uid = deployment.getMetadata().getUid();
    return uid == null
        || revision.getMetadata().getOwnerReferences() == null
        || revision.getMetadata().getOwnerReferences().stream()
            .anyMatch(o -> uid.equals(o.getUid()));
  }

  private ControllerRevision create(
      EdgeDeployment deployment, String name, String hash, long number) {
    var metadata = deployment.getMetadata();
    ControllerRevision revision =
        new ControllerRevisionBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(metadata.getNamespace())
            .addToLabels(DEPLOYMENT_LABEL, deploymentLabel(metadata.getName()))
            .addToLabels(HASH_LABEL, hash)
            .addToLabels("app.kubernetes.io/managed-by", "edgefleet")
            .withAnnotations(changeCause(metadata.getAnnotations()))
            .withOwnerReferences(
                new OwnerReferenceBuilder()
                    .withApiVersion(deployment.getApiVersion())
                    .withKind(deployment.getKind())
                    .withName(metadata.getName())
                    .withUid(metadata.getUid())
                    .withController(true)
                    .withBlockOwnerDeletion(true)
                    .build())
            .endMetadata()
            .withData(MAPPER.convertValue(Revisions.content(deployment.getSpec()), Map.class))
            .withRevision(number)
            .build();
    try {
      return client.apps().controllerRevisions().resource(revision).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
      ControllerRevision existing = find(metadata.getNamespace(), metadata.getName(), name);
      if (existing == null) {
        throw e;
      }
      return existing;
    }
  }

  private static Map<String, String> changeCause(Map<String, String> annotations) {
    String cause = annotations == null ? null : annotations.get(CHANGE_CAUSE_ANNOTATION);
    return cause == null ? null : Map.of(CHANGE_CAUSE_ANNOTATION, cause);
  }

  /** The value of {@link #DEPLOYMENT_LABEL} on the revisions of {@code deployment}. */
  public static String deploymentLabel(String deployment) {
    return deployment.length() <= 63 ? deployment : "h-" + ContentHash.of(deployment);
  }
}
