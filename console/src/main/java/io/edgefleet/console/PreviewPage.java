package io.edgefleet.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.EdgeDeploymentSpec;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.edgefleet.api.v1alpha1.EdgeModule;
import io.edgefleet.api.v1alpha1.RouteSpec;
import io.edgefleet.engine.model.DeploymentSource;
import io.edgefleet.engine.model.DeviceSource;
import io.edgefleet.engine.resolve.DeploymentReport;
import io.edgefleet.engine.resolve.Validity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code /preview}: paste or edit an EdgeDeployment (or start from an existing one), or build one
 * with the guided form, and see before anything is applied which devices would change and how, the
 * counts before and after, and the engine's validation errors. Nothing is written anywhere: the
 * YAML is for the user to copy or download, and to apply with kubectl or commit to Git.
 */
final class PreviewPage {

  static final int FORM_ROWS = 4;

  private final FleetReadModel model;

  PreviewPage(FleetReadModel model) {
    this.model = model;
  }

  View render(Request request) {
    String namespace = namespace(request);
    String yaml = request.param("yaml");
    String formError = null;
    String action = request.param("action");
    if (action.equals("build")) {
      try {
        yaml =
            DeploymentYaml.write(namespace, request.param("f.name").trim(), specFromForm(request));
      } catch (IllegalArgumentException e) {
        formError = e.getMessage();
      }
    } else if (yaml.isEmpty() && !request.param("from").isEmpty()) {
      EdgeDeployment from = DeploymentPage.find(model, namespace, request.param("from"));
      if (from != null) {
        yaml = DeploymentYaml.write(namespace, request.param("from"), from.getSpec());
      }
    }
    StringBuilder out = new StringBuilder(16384);
    out.append(
            "<h1>Preview a change</h1><p>Paste or edit an EdgeDeployment, start from an existing")
        .append(" one, or build one with the form; then see which devices would change and how,")
        .append(" before anything is applied. The engine decides, exactly as")
        .append(" <code>edgefleet resolve</code> does. Nothing is written to the cluster: copy or")
        .append(" download the YAML and apply it with <code>kubectl apply -f</code>, or commit it")
        .append(" to Git.</p>");
    startFrom(out, request, namespace);
    boolean wantsPreview = action.equals("preview") || action.equals("build");
    if (wantsPreview && formError == null) {
      out.append("<section id=\"result\" aria-labelledby=\"result-title\">");
      result(out, namespace, yaml);
      out.append("</section>");
    }
    out.append("<form method=\"post\" action=\"/preview\" class=\"grid2\" id=\"preview-form\">")
        .append("<input type=\"hidden\" name=\"from\" value=\"")
        .append(Html.esc(request.param("from")))
        .append("\">");
    yamlEditor(out, namespace, yaml);
    guidedForm(out, request, formError);
    out.append("</form>");
    return new View("Preview a change", Layout.Section.PREVIEW, false, out.toString());
  }

  /** The YAML as a file to save (the form's {@code action=download}). */
  Pages.Response download(Request request) {
    String yaml = request.param("yaml");
    String name = "edgedeployment";
    try {
      name = DeploymentYaml.read(yaml, namespace(request)).getMetadata().getName();
    } catch (DeploymentYaml.Invalid e) {
      // still the user's text: they may fix it elsewhere
    }
    return new Pages.Response(
        200,
        "application/yaml; charset=utf-8",
        yaml,
        Map.of(
            "Content-Disposition",
            "attachment; filename=\"" + name.replaceAll("[^A-Za-z0-9._-]", "_") + ".yaml\""));
  }

  private String namespace(Request request) {
    String namespace = request.param("ns");
    if (!namespace.isEmpty()) {
      return namespace;
    }
    return model.namespaces().isEmpty() ? "default" : model.namespaces().iterator().next();
  }

  private void startFrom(StringBuilder out, Request request, String namespace) {
    out.append(
            "<form method=\"get\" action=\"/preview\" class=\"filters\" aria-label=\"Start from\">")
        .append("<label>Start from an existing deployment <select name=\"from\" id=\"from\">")
        .append("<option value=\"\">(a new one)</option>");
    for (EdgeDeployment d : model.deployments()) {
      if (!namespace.equals(d.getMetadata().getNamespace())) {
        continue;
      }
      String name = d.getMetadata().getName();
      out.append("<option")
          .append(name.equals(request.param("from")) ? " selected" : "")
          .append('>')
          .append(Html.esc(name))
          .append("</option>");
    }
    out.append("</select></label><label>Namespace <select name=\"ns\">");
    for (String ns : model.namespaces()) {
      out.append("<option")
          .append(ns.equals(namespace) ? " selected" : "")
          .append('>')
          .append(Html.esc(ns))
          .append("</option>");
    }
    out.append("</select></label><button type=\"submit\" class=\"secondary\">Load</button></form>");
  }

  private static void yamlEditor(StringBuilder out, String namespace, String yaml) {
    out.append("<div><input type=\"hidden\" name=\"ns\" value=\"")
        .append(Html.esc(namespace))
        .append("\"><label for=\"yaml\"><strong>EdgeDeployment (YAML)</strong></label>")
        .append("<textarea id=\"yaml\" name=\"yaml\" spellcheck=\"false\">")
        .append(Html.esc(yaml))
        .append("</textarea><p class=\"form-row\">")
        .append("<button type=\"submit\" name=\"action\" value=\"preview\" id=\"preview\">")
        .append("Preview</button>")
        .append("<button type=\"submit\" name=\"action\" value=\"download\" class=\"secondary\"")
        .append(" id=\"download\">Download YAML</button>")
        .append("<button type=\"button\" class=\"secondary\" data-copy=\"yaml\">Copy YAML</button>")
        .append("</p></div>");
  }

  private static void guidedForm(StringBuilder out, Request request, String error) {
    out.append("<div><h2>Guided form</h2><p class=\"muted\">Builds a new deployment's YAML from")
        .append(" these fields, then previews it. To change an existing deployment, start from it")
        .append(" and edit its YAML (the form would drop settings it does not show).</p>");
    if (error != null) {
      out.append("<p class=\"error\" role=\"alert\">").append(Html.esc(error)).append("</p>");
    }
    out.append("<fieldset><legend>Deployment</legend><div class=\"form-row\">");
    input(out, request, "f.name", "Name", "text", "");
    input(out, request, "f.priority", "Priority", "number", "10");
    out.append(
            "<label><span>Layered</span><input type=\"checkbox\" name=\"f.layered\" value=\"true\"")
        .append(request.param("f.layered").equals("true") ? " checked" : "")
        .append("></label></div><div class=\"form-row\">");
    input(out, request, "f.target", "Target condition", "text wide", "tags.environment='prod'");
    out.append("</div></fieldset><fieldset><legend>Modules</legend>");
    for (int i = 0; i < FORM_ROWS; i++) {
      out.append("<div class=\"form-row\">");
      input(out, request, "f.module." + i + ".name", "Module name", "text", "");
      input(out, request, "f.module." + i + ".image", "Image", "text wide", "");
      out.append("</div>");
    }
    out.append("</fieldset><fieldset><legend>Routes</legend>");
    for (int i = 0; i < FORM_ROWS; i++) {
      out.append("<div class=\"form-row\">");
      input(out, request, "f.route." + i + ".name", "Route name", "text", "");
      input(out, request, "f.route." + i + ".route", "Statement", "text wide", "");
      out.append("</div>");
    }
    out.append("</fieldset><fieldset><legend>Module twins</legend>");
    for (int i = 0; i < FORM_ROWS; i++) {
      out.append("<div class=\"form-row\">");
      input(out, request, "f.twin." + i + ".module", "Module", "text", "");
      input(out, request, "f.twin." + i + ".path", "Path", "text", "properties.desired");
      input(out, request, "f.twin." + i + ".value", "Value (JSON object)", "text wide", "");
      out.append("</div>");
    }
    out.append("</fieldset><fieldset><legend>Custom metrics</legend>");
    for (int i = 0; i < FORM_ROWS; i++) {
      out.append("<div class=\"form-row\">");
      input(out, request, "f.metric." + i + ".name", "Metric name", "text", "");
      input(out, request, "f.metric." + i + ".query", "Query", "text wide", "");
      out.append("</div>");
    }
    out.append(
            "</fieldset><p><button type=\"submit\" name=\"action\" value=\"build\" id=\"build\">")
        .append("Build YAML and review</button></p></div>");
  }

  private static void input(
      StringBuilder out, Request request, String name, String label, String type, String hint) {
    boolean wide = type.endsWith(" wide");
    String inputType = wide ? type.substring(0, type.length() - 5) : type;
    String id = name.replace('.', '-');
    out.append("<label")
        .append(wide ? " class=\"wide\"" : "")
        .append(" for=\"")
        .append(id)
        .append("\">")
        .append(Html.esc(label))
        .append("<input type=\"")
        .append(inputType)
        .append("\" id=\"")
        .append(id)
        .append("\" name=\"")
        .append(name)
        .append("\" value=\"")
        .append(Html.esc(request.param(name)))
        .append("\" placeholder=\"")
        .append(Html.esc(hint))
        .append("\" spellcheck=\"false\"></label>");
  }

  /** The spec the guided form describes. */
  static EdgeDeploymentSpec specFromForm(Request request) {
    if (request.param("f.name").isBlank()) {
      throw new IllegalArgumentException("Give the deployment a name.");
    }
    EdgeDeploymentSpec spec = new EdgeDeploymentSpec();
    spec.setLayered(request.param("f.layered").equals("true"));
    String priority = request.param("f.priority").trim();
    if (!priority.isEmpty()) {
      try {
        spec.setPriority(Integer.parseInt(priority));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("Priority must be a whole number, not " + priority);
      }
    }
    spec.setTargetCondition(request.param("f.target").trim());
    Map<String, EdgeModule> modules = new TreeMap<>();
    Map<String, RouteSpec> routes = new TreeMap<>();
    Map<String, Map<String, JsonNode>> twins = new TreeMap<>();
    Map<String, String> metrics = new TreeMap<>();
    for (int i = 0; i < FORM_ROWS; i++) {
      String module = request.param("f.module." + i + ".name").trim();
      if (!module.isEmpty()) {
        EdgeModule m = new EdgeModule();
        m.setImage(request.param("f.module." + i + ".image").trim());
        modules.put(module, m);
      }
      String route = request.param("f.route." + i + ".name").trim();
      if (!route.isEmpty()) {
        RouteSpec r = new RouteSpec();
        r.setRoute(request.param("f.route." + i + ".route").trim());
        routes.put(route, r);
      }
      String twinModule = request.param("f.twin." + i + ".module").trim();
      if (!twinModule.isEmpty()) {
        String path = request.param("f.twin." + i + ".path").trim();
        String value = request.param("f.twin." + i + ".value").trim();
        JsonNode json;
        try {
          json = Json.MAPPER.readTree(value.isEmpty() ? "{}" : value);
        } catch (Exception e) {
          throw new IllegalArgumentException(
              "The module twin value of " + twinModule + " is not JSON: " + value);
        }
        twins
            .computeIfAbsent(twinModule, k -> new LinkedHashMap<>())
            .put(path.isEmpty() ? "properties.desired" : path, json);
      }
      String metric = request.param("f.metric." + i + ".name").trim();
      if (!metric.isEmpty()) {
        metrics.put(metric, request.param("f.metric." + i + ".query").trim());
      }
    }
    spec.setModules(modules);
    spec.setRoutes(routes.isEmpty() ? null : routes);
    spec.setModuleTwins(twins.isEmpty() ? null : twins);
    spec.setMetrics(metrics.isEmpty() ? null : metrics);
    return spec;
  }

  private void result(StringBuilder out, String fallbackNamespace, String yaml) {
    out.append("<h2 id=\"result-title\">What would change</h2>");
    EdgeDeployment deployment;
    try {
      deployment = DeploymentYaml.read(yaml, fallbackNamespace);
    } catch (DeploymentYaml.Invalid e) {
      out.append("<div class=\"error\" role=\"alert\" id=\"validation\"><p>")
          .append(Html.esc(e.getMessage()))
          .append("</p></div>");
      return;
    }
    String namespace = deployment.getMetadata().getNamespace();
    List<DeploymentSource> current = new ArrayList<>();
    for (EdgeDeployment d : model.deployments()) {
      if (namespace.equals(d.getMetadata().getNamespace())) {
        current.add(model.source(d));
      }
    }
    List<DeviceSource> devices = new ArrayList<>();
    for (EdgeDevice device : model.devices(namespace)) {
      devices.add(model.state(device).device());
    }
    Preview preview = Preview.of(namespace, current, model.source(deployment), devices);
    String name = deployment.getMetadata().getName();
    out.append("<p>")
        .append(preview.replaces() ? "Changing" : "Adding")
        .append(" deployment <strong>")
        .append(Html.esc(namespace + "/" + name))
        .append("</strong>.</p>");
    if (!preview.valid()) {
      out.append("<div class=\"error\" role=\"alert\" id=\"validation\"><p><strong>Invalid:")
          .append("</strong> the operator would not apply it; it targets no device, and the")
          .append(" devices that run it keep what they have.</p><ul>");
      for (Validity.Problem problem : preview.problems()) {
        out.append("<li>")
            .append(Html.esc(problem.reason()))
            .append(": ")
            .append(Html.esc(problem.message()))
            .append("</li>");
      }
      out.append("</ul></div>");
    } else {
      out.append("<p id=\"validation\">")
          .append(Html.badge("ok", "valid"))
          .append(" as the engine checks it.</p>");
    }
    changes(out, namespace, preview);
    counts(out, preview);
  }

  private static void changes(StringBuilder out, String namespace, Preview preview) {
    out.append("<h3>Devices whose configuration would change: <span id=\"change-count\">")
        .append(preview.changes().size())
        .append("</span></h3>");
    if (preview.changes().isEmpty()) {
      out.append("<p class=\"muted\">None: every device would keep what it runs.</p>");
      return;
    }
    out.append("<div class=\"scroll\"><table id=\"changes\" class=\"changes\"><thead><tr>")
        .append("<th scope=\"col\">Device</th><th scope=\"col\">Runs now</th>")
        .append("<th scope=\"col\">Would run</th><th scope=\"col\">Modules</th></tr></thead>")
        .append("<tbody>");
    for (Preview.DeviceChange change : preview.changes()) {
      out.append("<tr data-device=\"")
          .append(Html.esc(change.device()))
          .append("\"><th scope=\"row\">")
          .append(Html.link(Html.esc(Html.devicePath(namespace, change.device())), change.device()))
          .append("</th><td>")
          .append(Html.esc(change.runsBefore()))
          .append("</td><td>")
          .append(Html.esc(change.runsAfter()))
          .append("</td><td><ul>");
      change
          .added()
          .forEach(
              m -> out.append("<li class=\"added\">+ ").append(Html.esc(m)).append(" added</li>"));
      change
          .removed()
          .forEach(
              m ->
                  out.append("<li class=\"removed\">− ")
                      .append(Html.esc(m))
                      .append(" removed</li>"));
      change
          .changed()
          .forEach(m -> out.append("<li>~ ").append(Html.esc(m)).append(" changed</li>"));
      if (!change.note().isEmpty()) {
        out.append("<li>").append(Html.esc(change.note())).append("</li>");
      }
      out.append("</ul></td></tr>");
    }
    out.append("</tbody></table></div>");
  }

  private static void counts(StringBuilder out, Preview preview) {
    out.append("<h3>Counts before and after</h3><div class=\"scroll\"><table id=\"counts\">")
        .append("<thead><tr><th scope=\"col\">Deployment</th><th scope=\"col\">Targeted</th>")
        .append("<th scope=\"col\">Applied</th></tr></thead><tbody>");
    Map<String, DeploymentReport> before = new TreeMap<>();
    preview.before().forEach(r -> before.put(r.name(), r));
    for (DeploymentReport after : preview.after()) {
      DeploymentReport was = before.get(after.name());
      out.append("<tr data-deployment=\"")
          .append(Html.esc(after.name()))
          .append("\"><th scope=\"row\">")
          .append(Html.esc(after.name()))
          .append("</th>")
          .append(cell(was == null ? null : was.targetedCount(), after.targetedCount()))
          .append(cell(was == null ? null : was.appliedCount(), after.appliedCount()))
          .append("</tr>");
    }
    out.append("</tbody></table></div><p class=\"muted\">Succeeded and failed follow once the")
        .append(" agents report the new configuration.</p>");
  }

  private static String cell(Long before, long after) {
    String text =
        before == null
            ? "new → " + after
            : before == after ? Long.toString(after) : before + " → " + after;
    return "<td class=\"num\""
        + (before != null && before != after ? " data-changed=\"true\"" : "")
        + ">"
        + Html.esc(text)
        + "</td>";
  }
}
