package io.edgefleet.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.edgefleet.api.v1alpha1.EdgeDeviceStatus;
import io.edgefleet.engine.query.Truth;
import io.edgefleet.engine.resolve.Consideration;
import io.edgefleet.engine.resolve.DeviceDecision;
import io.edgefleet.engine.resolve.DeviceState;
import io.edgefleet.engine.resolve.Outcome;
import io.edgefleet.engine.resolve.ParameterError;
import io.edgefleet.engine.resolve.ParameterUse;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /devices/NS/NAME}: why the device runs what it runs. Every deployment of its namespace as
 * the engine considered it (matched or not, applied or skipped, and why); where each module, route
 * and module twin path came from; what the agent reports per module; the ConfigMap's manifest.
 */
final class DevicePage {

  private final FleetReadModel model;

  DevicePage(FleetReadModel model) {
    this.model = model;
  }

  View render(String namespace, String name) {
    Optional<EdgeDevice> found = model.device(namespace, name);
    if (found.isEmpty()) {
      return View.notFound("There is no device " + namespace + "/" + name + ".");
    }
    EdgeDevice device = found.get();
    EdgeDeviceStatus status = device.getStatus();
    DeviceState state = model.state(device);
    DeviceDecision decision = model.deploymentSet(namespace).decide(state.device());
    StringBuilder out = new StringBuilder(8192);
    out.append("<p class=\"crumbs\"><a href=\"")
        .append(Html.href("/devices", "ns", namespace))
        .append("\">Devices</a> / ")
        .append(Html.esc(namespace))
        .append("</p><h1>")
        .append(Html.esc(name))
        .append("</h1><dl class=\"facts\"><dt>Runs (base + layers)</dt><dd id=\"runs\">")
        .append(DevicesPage.runs(status))
        .append("</dd><dt>Desired version</dt><dd>")
        .append(Html.version(status == null ? null : status.getDesiredVersion()))
        .append("</dd><dt>Agent</dt><dd>")
        .append(AgentStatus.badge(state))
        .append(' ')
        .append(
            Html.esc(
                state.device().reported().path("lastDesiredStatus").path("description").asText("")))
        .append("</dd>");
    if (decision.outcome() == Outcome.KEEP_FROZEN) {
      out.append("<dt>Frozen</dt><dd>")
          .append(Html.badge("warn", "frozen"))
          .append(" while deployment ")
          .append(Html.esc(decision.frozenBy()))
          .append(" is invalid: the device keeps the configuration it has.</dd>");
    }
    out.append("</dl>");
    considered(out, namespace, decision);
    provenance(out, decision);
    parameters(out, decision);
    agent(out, state);
    twin(out, device);
    manifest(out, namespace, name, status);
    return new View(name, Layout.Section.DEVICES, true, out.toString());
  }

  private static void considered(StringBuilder out, String namespace, DeviceDecision decision) {
    out.append("<h2>Every deployment considered</h2>")
        .append("<p class=\"muted\">The engine's decision for this device, the same as")
        .append(" <code>edgefleet resolve</code>: the highest-priority standard deployment")
        .append(" whose condition is true is the base; layers above its priority apply on top")
        .append(" (docs/concepts.md).</p>")
        .append("<div class=\"scroll\"><table id=\"considered\"><thead><tr>")
        .append("<th scope=\"col\">Deployment</th><th scope=\"col\">Type</th>")
        .append("<th scope=\"col\">Priority</th><th scope=\"col\">Target condition</th>")
        .append("<th scope=\"col\">Applied</th><th scope=\"col\">Why</th></tr></thead><tbody>");
    for (Consideration c : decision.considered()) {
      out.append("<tr data-deployment=\"")
          .append(Html.esc(c.deployment()))
          .append("\"><th scope=\"row\">")
          .append(
              Html.link(Html.esc(Html.deploymentPath(namespace, c.deployment())), c.deployment()))
          .append(c.valid() ? "" : " " + Html.badge("bad", "invalid"))
          .append("</th><td>")
          .append(c.layered() ? "layered" : "standard")
          .append("</td><td class=\"num\">")
          .append(c.priority())
          .append("</td><td>")
          .append(truth(c.matched()))
          .append("</td><td>")
          .append(c.applied() ? Html.badge("ok", "applied") : Html.badge("muted", "not applied"))
          .append("</td><td class=\"reason\">")
          .append(Html.esc(c.reason()))
          .append("</td></tr>");
    }
    out.append("</tbody></table></div>");
  }

  private static String truth(Truth truth) {
    return switch (truth) {
      case TRUE -> Html.badge("ok", "true");
      case FALSE -> Html.badge("muted", "false");
      case UNDEFINED -> Html.badge("warn", "undefined");
    };
  }

  private static void provenance(StringBuilder out, DeviceDecision decision) {
    out.append("<h2>Where each part comes from</h2>");
    if (decision.outcome() != Outcome.APPLY || decision.configuration() == null) {
      out.append("<p class=\"muted\">")
          .append(
              decision.outcome() == Outcome.KEEP_FROZEN
                  ? "The configuration is frozen: the device keeps what it has."
                  : "No deployment applies: the device is not managed.")
          .append("</p>");
      return;
    }
    ObjectNode provenance = decision.configuration().provenance();
    out.append("<div class=\"scroll\"><table id=\"provenance\"><thead><tr>")
        .append("<th scope=\"col\">Part</th><th scope=\"col\">Name</th>")
        .append("<th scope=\"col\">From deployment</th></tr></thead><tbody>");
    row(out, "runtime", "edgeAgent / edgeHub", provenance.path("runtime").asText());
    rows(out, "module", Json.object(provenance, "modules"));
    rows(out, "route", Json.object(provenance, "routes"));
    rows(out, "registry", Json.object(provenance, "registryCredentials"));
    ObjectNode twins = Json.object(provenance, "moduleTwins");
    for (Iterator<Map.Entry<String, JsonNode>> it = twins.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> module = it.next();
      for (Iterator<Map.Entry<String, JsonNode>> paths = module.getValue().properties().iterator();
          paths.hasNext(); ) {
        Map.Entry<String, JsonNode> path = paths.next();
        row(out, "module twin", module.getKey() + " · " + path.getKey(), path.getValue().asText());
      }
    }
    out.append("</tbody></table></div>");
    if (!decision.configuration().warnings().isEmpty()) {
      out.append("<ul class=\"warnings\">");
      decision
          .configuration()
          .warnings()
          .forEach(
              w ->
                  out.append("<li>")
                      .append(Html.esc(w.deployment() + ": " + w.message()))
                      .append("</li>"));
      out.append("</ul>");
    }
  }

  /**
   * The per-device parameters (docs/concepts.md, "Per-device parameters"): each placeholder with
   * the value this device gave it and the deployment that holds it, or why one has no value.
   */
  private static void parameters(StringBuilder out, DeviceDecision decision) {
    List<ParameterUse> used =
        decision.configuration() == null ? List.of() : decision.configuration().parameters();
    List<ParameterError> errors = decision.parameterErrors();
    if (used.isEmpty() && errors.isEmpty()) {
      return;
    }
    out.append("<h2>Per-device parameters</h2>");
    if (!errors.isEmpty()) {
      out.append("<p>")
          .append(Html.badge("warn", "kept"))
          .append(
              " A placeholder has no value for this device: it keeps the configuration it"
                  + " has.</p><ul class=\"warnings\" id=\"parameter-errors\">");
      errors.forEach(e -> out.append("<li>").append(Html.esc(e.message())).append("</li>"));
      out.append("</ul>");
    }
    if (used.isEmpty()) {
      return;
    }
    out.append("<div class=\"scroll\"><table id=\"parameters\"><thead><tr>")
        .append("<th scope=\"col\">Field</th><th scope=\"col\">Placeholder</th>")
        .append("<th scope=\"col\">Value</th><th scope=\"col\">From deployment</th>")
        .append("</tr></thead><tbody>");
    for (ParameterUse use : used) {
      out.append("<tr><td><code>")
          .append(Html.esc(use.field()))
          .append("</code></td><td><code>")
          .append(Html.esc(use.placeholder()))
          .append("</code></td><td><code>")
          .append(
              Html.esc(use.value().isTextual() ? use.value().textValue() : use.value().toString()))
          .append("</code></td><td>")
          .append(Html.esc(use.deployment()))
          .append("</td></tr>");
    }
    out.append("</tbody></table></div>");
  }

  private static void rows(StringBuilder out, String part, ObjectNode entries) {
    for (Iterator<Map.Entry<String, JsonNode>> it = entries.properties().iterator();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      row(out, part, entry.getKey(), entry.getValue().asText());
    }
  }

  private static void row(StringBuilder out, String part, String name, String by) {
    out.append("<tr><td>")
        .append(Html.esc(part))
        .append("</td><td>")
        .append(Html.esc(name))
        .append("</td><td>")
        .append(Html.esc(by))
        .append("</td></tr>");
  }

  private static void agent(StringBuilder out, DeviceState state) {
    out.append("<h2>What the agent reports</h2>");
    JsonNode reported = state.device().reported();
    ObjectNode modules = Json.object(reported, "modules");
    ObjectNode system = Json.object(reported, "systemModules");
    if (modules.isEmpty() && system.isEmpty()) {
      out.append("<p class=\"muted\">No module report.</p>");
      return;
    }
    out.append("<div class=\"scroll\"><table id=\"agent-modules\"><thead><tr>")
        .append("<th scope=\"col\">Module</th><th scope=\"col\">Runtime status</th>")
        .append("<th scope=\"col\">Everything reported</th></tr></thead><tbody>");
    for (ObjectNode group : new ObjectNode[] {system, modules}) {
      for (Iterator<Map.Entry<String, JsonNode>> it = group.properties().iterator();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> module = it.next();
        String runtime = module.getValue().path("runtimeStatus").asText("");
        out.append("<tr><th scope=\"row\">")
            .append(Html.esc(module.getKey()))
            .append("</th><td>")
            .append(
                runtime.equals("running")
                    ? Html.badge("ok", runtime)
                    : Html.badge(
                        runtime.isEmpty() ? "muted" : "bad", runtime.isEmpty() ? "–" : runtime))
            .append("</td><td><details><summary>details</summary>")
            .append(Json.block(module.getValue()))
            .append("</details></td></tr>");
      }
    }
    out.append("</tbody></table></div>");
  }

  private static void twin(StringBuilder out, EdgeDevice device) {
    out.append("<h2>Twin</h2><details><summary>Tags</summary>")
        .append(Json.block(device.getSpec() == null ? null : device.getSpec().getTags()))
        .append("</details><details><summary>Reported properties</summary>")
        .append(Json.block(device.getStatus() == null ? null : device.getStatus().getReported()))
        .append("</details>");
  }

  private void manifest(StringBuilder out, String namespace, String name, EdgeDeviceStatus status) {
    out.append("<h2>The ConfigMap's manifest</h2>");
    Optional<String> manifest = model.configMapManifest(namespace, name);
    if (manifest.isEmpty()) {
      out.append("<p class=\"muted\">The device has no generated ConfigMap.</p>");
      return;
    }
    out.append("<p>ConfigMap <code>")
        .append(Html.esc(status == null ? null : status.getConfigMapName()))
        .append("</code>, what the agent on the device runs:</p><details open><summary>")
        .append("manifest</summary>")
        .append(Json.blockOfText(manifest.get()))
        .append("</details>");
  }
}
