package io.edgefleet.cli.rollout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.engine.rollout.Revisions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code edgefleet rollout undo}: writes an earlier revision's content back into the deployment's
 * spec; the operator rolls it out like any other edit (docs/rollouts.md).
 */
@Command(
    name = "undo",
    mixinStandardHelpOptions = true,
    description = {
      "Puts the content of an earlier revision (the previous one, or --to-revision N) back into"
          + " the deployment's spec: runtime, registryCredentials, modules, moduleTwins and routes."
          + " Targeting, metrics and spec.rollout stay as they are. The operator rolls the"
          + " restored content out as a new revision, gated by spec.rollout like any edit.",
      "On a deployment managed by Argo CD it warns that Git is the source of truth and prints"
          + " the content to put back in Git."
    })
public final class RolloutUndoCommand implements Callable<Integer> {

  static final YAMLMapper YAML =
      YAMLMapper.builder()
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .build();

  @Spec CommandSpec spec;

  @Mixin ClusterOptions cluster;

  @Parameters(paramLabel = "DEPLOYMENT", description = "NAME or edep/NAME.")
  String deployment;

  @Option(
      names = "--to-revision",
      paramLabel = "N",
      defaultValue = "0",
      description = "The revision to go back to (see history); default: the previous one.")
  long toRevision;

  @Override
  public Integer call() {
    DeploymentRef ref = DeploymentRef.parse(deployment);
    PrintWriter out = spec.commandLine().getOut();
    try (KubernetesClient client = cluster.connect("edgefleet-rollout")) {
      out.print(undo(client, cluster.namespace(client), ref.name(), toRevision));
      out.flush();
      return 0;
    }
  }

  /**
   * Undoes the content of deployment {@code name} to revision {@code toRevision} (0: the previous
   * one), as {@code edgefleet rollout undo} does; returns what it prints.
   *
   * @throws IllegalArgumentException when there is no such revision
   * @throws IllegalStateException when the deployment changed while undoing (nothing written)
   */
  public static String undo(
      KubernetesClient client, String namespace, String name, long toRevision) {
    DeploymentRef ref = new DeploymentRef(name);
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text);
    EdgeDeployment current = Deployments.get(client, namespace, ref);
    RevisionLog log = RevisionLog.read(client, current);
    String hashNow = Revisions.hash(current.getSpec());
    RevisionLog.Entry target = toRevision > 0 ? log.number(toRevision) : log.before(hashNow);
    if (target == null) {
      throw new IllegalArgumentException(
          (toRevision > 0
                  ? ref + " has no revision " + toRevision
                  : ref + " has no earlier revision to go back to")
              + " (stored revisions: "
              + (log.entries().isEmpty()
                  ? "none"
                  : log.entries().stream()
                      .map(e -> String.valueOf(e.number()))
                      .collect(Collectors.joining(", ")))
              + "; see edgefleet rollout history "
              + ref
              + ")");
    }
    if (target.hash().equals(hashNow)) {
      out.println(
          ref + " already holds the content of revision " + target.number() + ": nothing to undo");
      out.flush();
      return text.toString();
    }
    try {
      Deployments.resource(client, namespace, ref)
          .patch(PatchContext.of(PatchType.JSON), patch(current, target.content()).toString());
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409 || e.getCode() == 422) {
        throw new IllegalStateException(
            ref + " changed while undoing; nothing was written, run the undo again", e);
      }
      throw e;
    }
    out.println(
        ref
            + " rolled back to the content of revision "
            + target.number()
            + " ("
            + target.name()
            + "); the operator rolls it out as a new revision");
    if (ArgoCdTracking.of(current) != null) {
      Deployments.warnIfArgoCd(current, "The undo", out);
      out.println(
          "Put this content back into the deployment's spec in Git (e.g. git revert the commit"
              + " that changed it); spec fields not listed here stay as they are:");
      out.print(yaml(specOf(target.content())));
    }
    out.flush();
    return text.toString();
  }

  /**
   * A JSON Patch that replaces the content fields of {@code deployment}'s spec with {@code
   * content}, applied only to the version read (a test of its resourceVersion).
   */
  static ArrayNode patch(EdgeDeployment deployment, JsonNode content) {
    JsonNodeFactory json = JsonNodeFactory.instance;
    ArrayNode ops = json.arrayNode();
    ops.addObject()
        .put("op", "test")
        .put("path", "/metadata/resourceVersion")
        .put("value", deployment.getMetadata().getResourceVersion());
    ObjectNode now = Revisions.content(deployment.getSpec());
    for (String field : Revisions.CONTENT_FIELDS) {
      if (content.has(field) && !content.get(field).isNull()) {
        ops.addObject()
            .put("op", "add")
            .put("path", "/spec/" + field)
            .set("value", content.get(field));
      } else if (now.has(field)) {
        ops.addObject().put("op", "remove").put("path", "/spec/" + field);
      }
    }
    return ops;
  }

  private static ObjectNode specOf(JsonNode content) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.set("spec", content);
    return root;
  }

  static String yaml(JsonNode node) {
    try {
      return YAML.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
