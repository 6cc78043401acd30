package io.edgefleet.console;

import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.EdgeDeploymentSpec;
import io.edgefleet.api.v1alpha1.EdgeDeploymentStatus;
import io.edgefleet.api.v1alpha1.EdgeModule;
import io.edgefleet.api.v1alpha1.RegistryCredential;
import io.edgefleet.api.v1alpha1.RouteSpec;
import io.edgefleet.engine.query.MetricQuery;
import io.edgefleet.engine.resolve.PreparedDeployment;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code /deployments/NS/NAME}: modules, routes, module twins, registries (names only), metrics,
 * conditions and warnings; every count and metric links to the devices behind it.
 */
final class DeploymentPage {

  private final FleetReadModel model;

  DeploymentPage(FleetReadModel model) {
    this.model = model;
  }

  View render(String namespace, String name) {
    EdgeDeployment deployment = find(model, namespace, name);
    if (deployment == null) {
      return View.notFound("There is no deployment " + namespace + "/" + name + ".");
    }
    PreparedDeployment prepared = model.deploymentSet(namespace).get(name);
    DeploymentRow row = DeploymentRow.of(deployment, prepared);
    EdgeDeploymentSpec spec =
        deployment.getSpec() == null ? new EdgeDeploymentSpec() : deployment.getSpec();
    EdgeDeploymentStatus status = deployment.getStatus();
    StringBuilder out = new StringBuilder(8192);
    out.append("<p class=\"crumbs\"><a href=\"/deployments\">Deployments</a> / ")
        .append(Html.esc(namespace))
        .append("</p><h1>")
        .append(Html.esc(name))
        .append("</h1><dl class=\"facts\"><dt>Type</dt><dd>")
        .append(row.type())
        .append("</dd><dt>Priority</dt><dd>")
        .append(row.priority())
        .append("</dd><dt>Target condition</dt><dd><code>")
        .append(Html.esc(spec.getTargetCondition()))
        .append("</code> (")
        .append(
            Html.link(
                Html.href("/devices", "ns", namespace, "where", spec.getTargetCondition()),
                "search devices with it"))
        .append(")</dd><dt>Ready</dt><dd>")
        .append(Conditions.badge(row.ready()))
        .append(' ')
        .append(Html.esc(row.readyReason()))
        .append("</dd></dl>");
    if (prepared != null && !prepared.valid()) {
      out.append("<div class=\"error\" role=\"alert\"><p><strong>Invalid:</strong> ")
          .append(Html.esc(prepared.validity().message()))
          .append("</p><p>An invalid deployment targets no device; devices that run it keep")
          .append(" their configuration until it is fixed (see docs/concepts.md).</p></div>");
    }

    out.append("<p><a class=\"button\" id=\"preview-change\" href=\"")
        .append(Html.href("/preview", "ns", namespace, "from", name))
        .append("\">Preview a change to this deployment</a></p>");
    out.append("<h2>Devices</h2><ul class=\"tiles\" aria-label=\"Counts\">");
    tile(out, row, "targeted", row.targeted());
    tile(out, row, "applied", row.applied());
    tile(out, row, "succeeded", row.succeeded());
    tile(out, row, "failed", row.failed());
    out.append("</ul>");

    metrics(out, namespace, name, spec, row.metrics(), prepared);
    modules(out, spec);
    routes(out, spec);
    twins(out, spec);
    registries(out, spec);
    out.append("<h2>Conditions</h2>")
        .append(Conditions.table(status == null ? null : status.getConditions()));
    List<String> warnings = status == null ? null : status.getWarnings();
    out.append("<h2>Warnings</h2>");
    if (warnings == null || warnings.isEmpty()) {
      out.append("<p class=\"muted\">None.</p>");
    } else {
      out.append("<ul class=\"warnings\">");
      warnings.forEach(w -> out.append("<li>").append(Html.esc(w)).append("</li>"));
      out.append("</ul>");
    }
    return new View(name, Layout.Section.DEPLOYMENTS, true, out.toString());
  }

  /** The deployment of the model called {@code namespace/name}, or null. */
  static EdgeDeployment find(FleetReadModel model, String namespace, String name) {
    for (EdgeDeployment deployment : model.deployments()) {
      if (namespace.equals(deployment.getMetadata().getNamespace())
          && name.equals(deployment.getMetadata().getName())) {
        return deployment;
      }
    }
    return null;
  }

  private static void tile(StringBuilder out, DeploymentRow row, String count, long value) {
    out.append("<li><a class=\"count\" data-count=\"")
        .append(count)
        .append("\" href=\"")
        .append(
            Html.href("/devices", "ns", row.namespace(), "deployment", row.name(), "count", count))
        .append("\"><span class=\"value\">")
        .append(value)
        .append("</span> ")
        .append(count)
        .append("</a></li>");
  }

  private static void metrics(
      StringBuilder out,
      String namespace,
      String name,
      EdgeDeploymentSpec spec,
      Map<String, Long> counts,
      PreparedDeployment prepared) {
    out.append("<h2>Custom metrics</h2>");
    Map<String, String> queries = spec.getMetrics();
    if (queries == null || queries.isEmpty()) {
      out.append("<p class=\"muted\">None.</p>");
      return;
    }
    out.append("<div class=\"scroll\"><table><thead><tr><th scope=\"col\">Metric</th>")
        .append("<th scope=\"col\">Query</th><th scope=\"col\">Devices</th></tr></thead><tbody>");
    for (Map.Entry<String, String> metric : new TreeMap<>(queries).entrySet()) {
      MetricQuery parsed = prepared == null ? null : prepared.metrics().get(metric.getKey());
      out.append("<tr><th scope=\"row\">")
          .append(Html.esc(metric.getKey()))
          .append("</th><td><code>")
          .append(Html.esc(metric.getValue()))
          .append("</code></td><td class=\"num\">");
      if (parsed == null) {
        out.append(Html.badge("bad", "does not parse"));
      } else {
        Long value = counts.get(metric.getKey());
        out.append("<a class=\"metric\" data-metric=\"")
            .append(Html.esc(metric.getKey()))
            .append("\" href=\"")
            .append(
                Html.href(
                    "/devices", "ns", namespace, "deployment", name, "metric", metric.getKey()))
            .append("\">")
            .append(value == null ? "–" : value.toString())
            .append("</a>");
      }
      out.append("</td></tr>");
    }
    out.append("</tbody></table></div>");
  }

  private static void modules(StringBuilder out, EdgeDeploymentSpec spec) {
    out.append("<h2>Modules</h2>");
    Map<String, EdgeModule> modules = spec.getModules();
    if (modules == null || modules.isEmpty()) {
      out.append("<p class=\"muted\">No modules.</p>");
      return;
    }
    out.append("<div class=\"scroll\"><table id=\"modules\"><thead><tr>")
        .append("<th scope=\"col\">Module</th><th scope=\"col\">Image</th>")
        .append("<th scope=\"col\">Status</th><th scope=\"col\">Restart policy</th>")
        .append("<th scope=\"col\">Settings</th></tr></thead><tbody>");
    for (Map.Entry<String, EdgeModule> module : new TreeMap<>(modules).entrySet()) {
      EdgeModule m = module.getValue();
      out.append("<tr><th scope=\"row\">")
          .append(Html.esc(module.getKey()))
          .append("</th><td><code>")
          .append(Html.esc(m == null ? null : m.getImage()))
          .append("</code></td><td>")
          .append(Html.esc(m == null || m.getStatus() == null ? "running" : m.getStatus()))
          .append("</td><td>")
          .append(
              Html.esc(m == null || m.getRestartPolicy() == null ? "always" : m.getRestartPolicy()))
          .append("</td><td><details><summary>all settings</summary>")
          .append(Json.block(m))
          .append("</details></td></tr>");
    }
    out.append("</tbody></table></div>");
  }

  private static void routes(StringBuilder out, EdgeDeploymentSpec spec) {
    out.append("<h2>Routes</h2>");
    Map<String, RouteSpec> routes = spec.getRoutes();
    if (routes == null || routes.isEmpty()) {
      out.append("<p class=\"muted\">No routes.</p>");
      return;
    }
    out.append("<div class=\"scroll\"><table><thead><tr><th scope=\"col\">Route</th>")
        .append("<th scope=\"col\">Statement</th><th scope=\"col\">Priority</th>")
        .append("<th scope=\"col\">Time to live (s)</th></tr></thead><tbody>");
    for (Map.Entry<String, RouteSpec> route : new TreeMap<>(routes).entrySet()) {
      RouteSpec r = route.getValue();
      out.append("<tr><th scope=\"row\">")
          .append(Html.esc(route.getKey()))
          .append("</th><td><code>")
          .append(Html.esc(r == null ? null : r.getRoute()))
          .append("</code></td><td class=\"num\">")
          .append(Html.esc(r == null ? null : r.getPriority()))
          .append("</td><td class=\"num\">")
          .append(Html.esc(r == null ? null : r.getTimeToLiveSecs()))
          .append("</td></tr>");
    }
    out.append("</tbody></table></div>");
  }

  private static void twins(StringBuilder out, EdgeDeploymentSpec spec) {
    out.append("<h2>Module twins</h2>");
    var twins = spec.getModuleTwins();
    if (twins == null || twins.isEmpty()) {
      out.append("<p class=\"muted\">None.</p>");
      return;
    }
    for (var twin : new TreeMap<>(twins).entrySet()) {
      out.append("<h3>").append(Html.esc(twin.getKey())).append("</h3>");
      out.append(Json.block(twin.getValue()));
    }
  }

  private static void registries(StringBuilder out, EdgeDeploymentSpec spec) {
    out.append("<h2>Registries</h2>");
    Map<String, RegistryCredential> registries = spec.getRegistryCredentials();
    if (registries == null || registries.isEmpty()) {
      out.append("<p class=\"muted\">None.</p>");
      return;
    }
    out.append("<p class=\"muted\">Names only: the console never reads a Secret.</p>")
        .append("<div class=\"scroll\"><table><thead><tr><th scope=\"col\">Name</th>")
        .append("<th scope=\"col\">Address</th><th scope=\"col\">Secret (name)</th>")
        .append("</tr></thead><tbody>");
    for (Map.Entry<String, RegistryCredential> r : new TreeMap<>(registries).entrySet()) {
      out.append("<tr><th scope=\"row\">")
          .append(Html.esc(r.getKey()))
          .append("</th><td>")
          .append(Html.esc(r.getValue() == null ? null : r.getValue().getAddress()))
          .append("</td><td>")
          .append(Html.esc(r.getValue() == null ? null : r.getValue().getSecretName()))
          .append("</td></tr>");
    }
    out.append("</tbody></table></div>");
  }
}
