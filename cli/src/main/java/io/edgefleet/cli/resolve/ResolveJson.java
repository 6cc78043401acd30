package io.edgefleet.cli.resolve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.engine.query.Truth;
import io.edgefleet.engine.resolve.Consideration;
import io.edgefleet.engine.resolve.DeploymentReport;
import io.edgefleet.engine.resolve.DeviceDecision;
import io.edgefleet.engine.resolve.NamespaceResolution;
import io.edgefleet.engine.resolve.ParameterError;
import io.edgefleet.engine.resolve.ParameterUse;
import io.edgefleet.engine.resolve.ResolvedConfiguration;
import io.edgefleet.engine.rollout.RolloutWaves;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON output of {@code edgefleet resolve -o json}: a stable interface for scripts, described
 * in docs/cli.md. Fields are only ever added.
 */
public final class ResolveJson {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ResolveJson() {}

  /**
   * Renders the resolutions; {@code device} limits the devices to one (null for all).
   *
   * @param tooLarge the operator's message for each device ({@code namespace/name}) whose
   *     configuration it would refuse to write
   * @param refused objects the API server would refuse, with where and its message
   * @param waves namespace -> the waves of its rollouts
   */
  public static String render(
      List<NamespaceResolution> resolutions,
      Map<String, JsonNode> currentManifests,
      String device,
      Map<String, String> tooLarge,
      List<String> refused,
      Map<String, RolloutWaves.Waves> waves) {
    ObjectNode root = JSON.objectNode();
    ArrayNode devices = root.putArray("devices");
    ArrayNode deployments = root.putArray("deployments");
    ArrayNode errors = root.putArray("refusedObjects");
    refused.forEach(errors::add);
    for (NamespaceResolution resolution : resolutions) {
      for (DeviceDecision decision : resolution.decisions()) {
        if (device == null || device.equals(decision.device().name())) {
          ObjectNode node = device(decision, currentManifests);
          String problem =
              tooLarge.get(decision.device().namespace() + "/" + decision.device().name());
          if (problem == null) {
            node.set("refused", JSON.nullNode());
          } else {
            ObjectNode refusal = node.putObject("refused");
            refusal.put("reason", "ConfigurationTooLarge");
            refusal.put("message", problem);
          }
          RolloutWaves.Waves found = waves.get(resolution.namespace());
          List<RolloutWaves.Place> places =
              found == null ? null : found.devices().get(decision.device().name());
          ArrayNode rollouts = node.putArray("rollout");
          if (places != null) {
            for (RolloutWaves.Place place : places) {
              ObjectNode entry = rollouts.addObject();
              entry.put("deployment", place.deployment());
              entry.put("wave", place.wave());
              entry.put("placeInLine", place.placeInLine());
              entry.put("group", place.group());
            }
          }
          devices.add(node);
        }
      }
      for (DeploymentReport report : resolution.reports()) {
        ObjectNode node = deployment(report);
        RolloutWaves.Waves found = waves.get(resolution.namespace());
        RolloutWaves.Rollout rollout = found == null ? null : found.rollouts().get(report.name());
        if (rollout == null) {
          node.set("rollout", JSON.nullNode());
        } else {
          ObjectNode r = node.putObject("rollout");
          r.put("affected", rollout.affected());
          r.put("perWave", rollout.perWave());
          r.put("waves", rollout.waves());
          r.put("phase", rollout.phase().name());
        }
        deployments.add(node);
      }
    }
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode device(
      DeviceDecision decision, Map<String, JsonNode> currentManifests) {
    ObjectNode node = JSON.objectNode();
    node.put("namespace", decision.device().namespace());
    node.put("name", decision.device().name());
    node.put("outcome", decision.outcome().name());
    node.put("managed", decision.managed());
    node.put("base", decision.baseName());
    ArrayNode layers = node.putArray("layers");
    decision.layerNames().forEach(layers::add);
    node.put("desiredVersion", decision.desiredVersion());
    ResolvedConfiguration configuration = decision.configuration();
    if (configuration != null) {
      node.set("configuration", configuration.manifest());
      node.set("provenance", configuration.provenance());
      ArrayNode warnings = node.putArray("warnings");
      configuration.warnings().forEach(w -> warnings.add(w.message()));
    } else {
      JsonNode current =
          currentManifests.get(decision.device().namespace() + "/" + decision.device().name());
      node.set("configuration", current == null ? JSON.nullNode() : current);
      node.set("provenance", JSON.nullNode());
      node.putArray("warnings");
    }
    if (decision.frozenBy() != null) {
      node.put("frozenBy", decision.frozenBy());
    }
    ArrayNode parameters = node.putArray("parameters");
    if (configuration != null) {
      for (ParameterUse use : configuration.parameters()) {
        ObjectNode entry = parameters.addObject();
        entry.put("field", use.field());
        entry.put("placeholder", use.placeholder());
        entry.set("value", use.value());
        entry.put("deployment", use.deployment());
      }
    }
    ArrayNode parameterErrors = node.putArray("parameterErrors");
    for (ParameterError error : decision.parameterErrors()) {
      ObjectNode entry = parameterErrors.addObject();
      entry.put("field", error.field());
      entry.put("placeholder", error.placeholder());
      entry.put("deployment", error.deployment());
      entry.put("problem", error.problem());
    }
    ArrayNode considered = node.putArray("considered");
    for (Consideration c : decision.considered()) {
      ObjectNode entry = considered.addObject();
      entry.put("deployment", c.deployment());
      entry.put("layered", c.layered());
      entry.put("priority", c.priority());
      entry.put("valid", c.valid());
      entry.put(
          "matched",
          c.matched() == Truth.UNDEFINED
              ? "undefined"
              : c.matched() == Truth.TRUE ? "true" : "false");
      entry.put("applied", c.applied());
      entry.put("reason", c.reason());
      if (c.parameterError() != null) {
        entry.put("parameterError", c.parameterError());
      }
    }
    return node;
  }

  private static ObjectNode deployment(DeploymentReport report) {
    ObjectNode node = JSON.objectNode();
    node.put("namespace", report.namespace());
    node.put("name", report.name());
    node.put("layered", report.layered());
    node.put("priority", report.priority());
    node.put("valid", report.validity().isValid());
    if (report.validity().isValid()) {
      node.set("error", JSON.nullNode());
    } else {
      ObjectNode error = node.putObject("error");
      error.put("reason", report.validity().reason().name());
      error.put("message", report.validity().message());
    }
    node.put("targetedCount", report.targetedCount());
    node.put("appliedCount", report.appliedCount());
    node.put("reportedSuccessfulCount", report.reportedSuccessfulCount());
    node.put("reportedFailedCount", report.reportedFailedCount());
    node.put("parameterErrorCount", report.parameterErrorCount());
    ObjectNode metrics = node.putObject("metrics");
    new TreeMap<>(report.metrics()).forEach(metrics::put);
    ArrayNode warnings = node.putArray("warnings");
    report.warnings().forEach(warnings::add);
    return node;
  }
}
