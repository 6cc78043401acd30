package io.edgefleet.console;

import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.engine.resolve.DeploymentSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /deployments}: every deployment with its type, priority, target condition, Ready, counts
 * and custom metrics; sortable and filterable; every number links to the devices behind it.
 */
final class DeploymentsPage {

  private static final Map<String, Comparator<DeploymentRow>> SORTS = new LinkedHashMap<>();

  static {
    SORTS.put("name", Comparator.comparing(DeploymentRow::name));
    SORTS.put("namespace", Comparator.comparing(DeploymentRow::namespace));
    SORTS.put("type", Comparator.comparing(DeploymentRow::type));
    SORTS.put("priority", Comparator.comparingInt(DeploymentRow::priority));
    SORTS.put("ready", Comparator.comparing(DeploymentRow::ready));
    SORTS.put("targeted", Comparator.comparingLong(DeploymentRow::targeted));
    SORTS.put("applied", Comparator.comparingLong(DeploymentRow::applied));
    SORTS.put("succeeded", Comparator.comparingLong(DeploymentRow::succeeded));
    SORTS.put("failed", Comparator.comparingLong(DeploymentRow::failed));
  }

  private final FleetReadModel model;

  DeploymentsPage(FleetReadModel model) {
    this.model = model;
  }

  /** The rows, filtered and sorted as the request asks. */
  List<DeploymentRow> rows(Request request) {
    String namespace = request.param("ns");
    String type = request.param("type");
    String text = request.param("q").toLowerCase(Locale.ROOT).trim();
    Map<String, DeploymentSet> sets = new HashMap<>();
    List<DeploymentRow> rows = new ArrayList<>();
    for (EdgeDeployment deployment : model.deployments()) {
      String ns = deployment.getMetadata().getNamespace();
      if (!namespace.isEmpty() && !namespace.equals(ns)) {
        continue;
      }
      DeploymentSet set = sets.computeIfAbsent(ns, model::deploymentSet);
      DeploymentRow row = DeploymentRow.of(deployment, set.get(deployment.getMetadata().getName()));
      if (!type.isEmpty() && !type.equals(row.type())) {
        continue;
      }
      if (!text.isEmpty()
          && !row.name().toLowerCase(Locale.ROOT).contains(text)
          && !String.valueOf(row.targetCondition()).toLowerCase(Locale.ROOT).contains(text)) {
        continue;
      }
      rows.add(row);
    }
    Comparator<DeploymentRow> order = SORTS.getOrDefault(request.param("sort"), SORTS.get("name"));
    order = order.thenComparing(DeploymentRow::namespace).thenComparing(DeploymentRow::name);
    if (request.param("dir").equals("desc")) {
      order = order.reversed();
    }
    rows.sort(order);
    return rows;
  }

  View render(Request request) {
    List<DeploymentRow> rows = rows(request);
    StringBuilder out = new StringBuilder(4096);
    out.append("<h1>Deployments</h1>");
    summary(out, rows);
    filters(out, request);
    if (rows.isEmpty()) {
      out.append("<p class=\"empty\">No deployment matches.</p>");
      return new View("Deployments", Layout.Section.DEPLOYMENTS, true, out.toString());
    }
    out.append("<div class=\"scroll\"><table id=\"deployments\"><caption>")
        .append(rows.size())
        .append(rows.size() == 1 ? " deployment" : " deployments")
        .append("</caption><thead><tr>");
    header(out, request, "name", "Deployment");
    header(out, request, "namespace", "Namespace");
    header(out, request, "type", "Type");
    header(out, request, "priority", "Priority");
    out.append("<th scope=\"col\">Target condition</th>");
    header(out, request, "ready", "Ready");
    header(out, request, "targeted", "Targeted");
    header(out, request, "applied", "Applied");
    header(out, request, "succeeded", "Succeeded");
    header(out, request, "failed", "Failed");
    out.append("<th scope=\"col\">Custom metrics</th></tr></thead><tbody>");
    for (DeploymentRow row : rows) {
      out.append("<tr data-deployment=\"")
          .append(Html.esc(row.name()))
          .append("\"><th scope=\"row\">")
          .append(Html.link(Html.esc(Html.deploymentPath(row.namespace(), row.name())), row.name()))
          .append("</th><td>")
          .append(Html.esc(row.namespace()))
          .append("</td><td>")
          .append(row.type())
          .append("</td><td class=\"num\">")
          .append(row.priority())
          .append("</td><td><code>")
          .append(Html.esc(row.targetCondition()))
          .append("</code></td><td title=\"")
          .append(Html.esc(row.readyReason() + ": " + row.readyMessage()))
          .append("\">")
          .append(Conditions.badge(row.ready()))
          .append("</td>");
      count(out, row, "targeted", row.targeted());
      count(out, row, "applied", row.applied());
      count(out, row, "succeeded", row.succeeded());
      count(out, row, "failed", row.failed());
      out.append("<td>");
      metrics(out, row.namespace(), row.name(), row.metrics());
      out.append("</td></tr>");
    }
    out.append("</tbody></table></div>");
    return new View("Deployments", Layout.Section.DEPLOYMENTS, true, out.toString());
  }

  /** The links of a deployment's custom metrics, each to the devices it counts. */
  static void metrics(StringBuilder out, String namespace, String name, Map<String, Long> metrics) {
    if (metrics.isEmpty()) {
      out.append("<span class=\"muted\">none</span>");
      return;
    }
    out.append("<ul class=\"metrics\">");
    for (Map.Entry<String, Long> metric : metrics.entrySet()) {
      out.append("<li>")
          .append(Html.esc(metric.getKey()))
          .append(" = <a class=\"metric\" data-metric=\"")
          .append(Html.esc(metric.getKey()))
          .append("\" href=\"")
          .append(
              Html.href("/devices", "ns", namespace, "deployment", name, "metric", metric.getKey()))
          .append("\" aria-label=\"")
          .append(Html.esc(metric.getValue() + " devices counted by " + metric.getKey()))
          .append("\">")
          .append(metric.getValue())
          .append("</a></li>");
    }
    out.append("</ul>");
  }

  private static void count(StringBuilder out, DeploymentRow row, String count, long value) {
    out.append("<td class=\"num\"><a class=\"count\" data-count=\"")
        .append(count)
        .append("\" href=\"")
        .append(
            Html.href("/devices", "ns", row.namespace(), "deployment", row.name(), "count", count))
        .append("\" aria-label=\"")
        .append(Html.esc(value + " devices " + count + " by " + row.name()))
        .append("\">")
        .append(value)
        .append("</a></td>");
  }

  private static void summary(StringBuilder out, List<DeploymentRow> rows) {
    long ready = rows.stream().filter(r -> r.ready().equals("True")).count();
    long failing = rows.stream().filter(r -> r.failed() > 0).count();
    out.append("<ul class=\"tiles\" aria-label=\"Summary\">");
    tile(out, rows.size(), "deployments");
    tile(out, ready, "Ready");
    tile(out, rows.size() - ready, "not Ready");
    tile(out, failing, "with failed devices");
    out.append("</ul>");
  }

  private static void tile(StringBuilder out, long value, String label) {
    out.append("<li><span class=\"value\">")
        .append(value)
        .append("</span> ")
        .append(Html.esc(label))
        .append("</li>");
  }

  private void filters(StringBuilder out, Request request) {
    out.append("<form class=\"filters\" method=\"get\" action=\"/deployments\" role=\"search\">")
        .append("<label>Search <input type=\"search\" name=\"q\" value=\"")
        .append(Html.esc(request.param("q")))
        .append("\" placeholder=\"name or target condition\"></label>")
        .append("<label>Namespace <select name=\"ns\"><option value=\"\">all</option>");
    for (String ns : model.namespaces()) {
      out.append("<option")
          .append(ns.equals(request.param("ns")) ? " selected" : "")
          .append(">")
          .append(Html.esc(ns))
          .append("</option>");
    }
    out.append("</select></label><label>Type <select name=\"type\">");
    for (String type : List.of("", "standard", "layered")) {
      out.append("<option value=\"")
          .append(type)
          .append('"')
          .append(type.equals(request.param("type")) ? " selected" : "")
          .append('>')
          .append(type.isEmpty() ? "all" : type)
          .append("</option>");
    }
    out.append("</select></label>")
        .append("<input type=\"hidden\" name=\"sort\" value=\"")
        .append(Html.esc(request.param("sort")))
        .append("\"><input type=\"hidden\" name=\"dir\" value=\"")
        .append(Html.esc(request.param("dir")))
        .append("\"><button type=\"submit\">Filter</button></form>");
  }

  private static void header(StringBuilder out, Request request, String key, String label) {
    String sort = request.param("sort").isEmpty() ? "name" : request.param("sort");
    boolean current = sort.equals(key);
    boolean descending = current && request.param("dir").equals("desc");
    String dir = current && !descending ? "desc" : "asc";
    out.append("<th scope=\"col\"")
        .append(current ? " aria-sort=\"" + (descending ? "descending" : "ascending") + "\"" : "")
        .append("><a href=\"")
        .append(
            Html.href(
                "/deployments",
                "q",
                request.param("q"),
                "ns",
                request.param("ns"),
                "type",
                request.param("type"),
                "sort",
                key,
                "dir",
                dir))
        .append("\">")
        .append(Html.esc(label))
        .append(current ? (descending ? " ▼" : " ▲") : "")
        .append("</a></th>");
  }
}
