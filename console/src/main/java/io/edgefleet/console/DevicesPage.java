package io.edgefleet.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.edgefleet.api.v1alpha1.EdgeDeviceStatus;
import io.edgefleet.engine.query.QueryException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /devices}: search with a target condition (errors show the column), by name and by tag; or
 * the devices behind one of a deployment's numbers. Paged on the server.
 */
final class DevicesPage {

  static final int PAGE_SIZE = 50;

  private final FleetReadModel model;
  private final DeviceQuery query;

  DevicesPage(FleetReadModel model) {
    this.model = model;
    this.query = new DeviceQuery(model);
  }

  View render(Request request) {
    DeviceQuery.Result result = query.run(request);
    StringBuilder out = new StringBuilder(8192);
    out.append("<h1>Devices</h1>");
    if (result.scope() != null) {
      out.append("<p class=\"scope\">Devices ")
          .append(Html.esc(result.scope()))
          .append(" (")
          .append(
              Html.link(
                  Html.esc(Html.deploymentPath(request.param("ns"), request.param("deployment"))),
                  "back to the deployment"))
          .append(")</p>");
    }
    form(out, request, result.syntax());
    if (result.error() != null) {
      out.append("<p class=\"error\" role=\"alert\">")
          .append(Html.esc(result.error()))
          .append("</p>");
    }
    if (result.syntax() != null) {
      return view(out);
    }
    List<DeviceQuery.Match> matches = result.matches();
    int pages = Math.max(1, (matches.size() + PAGE_SIZE - 1) / PAGE_SIZE);
    int page = Math.min(Math.max(1, request.intParam("page", 1)), pages);
    int from = (page - 1) * PAGE_SIZE;
    int to = Math.min(matches.size(), from + PAGE_SIZE);
    out.append("<p id=\"device-count\" class=\"count-line\"><span class=\"value\">")
        .append(matches.size())
        .append("</span> ")
        .append(matches.size() == 1 ? "device" : "devices")
        .append(matches.size() > PAGE_SIZE ? "; showing " + (from + 1) + "–" + to : "")
        .append("</p>");
    if (matches.isEmpty()) {
      return view(out);
    }
    out.append("<div class=\"scroll\"><table id=\"devices\"><thead><tr>")
        .append("<th scope=\"col\">Device</th><th scope=\"col\">Namespace</th>")
        .append("<th scope=\"col\">Tags</th><th scope=\"col\">Runs (base + layers)</th>")
        .append("<th scope=\"col\">Desired version</th><th scope=\"col\">Agent</th>")
        .append("</tr></thead><tbody>");
    for (DeviceQuery.Match match : matches.subList(from, to)) {
      row(out, request, match);
    }
    out.append("</tbody></table></div>");
    pager(out, request, page, pages);
    return view(out);
  }

  private static View view(StringBuilder out) {
    return new View("Devices", Layout.Section.DEVICES, true, out.toString());
  }

  private void row(StringBuilder out, Request request, DeviceQuery.Match match) {
    EdgeDevice device = match.device();
    String ns = device.getMetadata().getNamespace();
    String name = device.getMetadata().getName();
    EdgeDeviceStatus status = device.getStatus();
    out.append("<tr data-device=\"")
        .append(Html.esc(name))
        .append("\"><th scope=\"row\">")
        .append(Html.link(Html.esc(Html.devicePath(ns, name)), name))
        .append("</th><td>")
        .append(Html.esc(ns))
        .append("</td><td>");
    tags(out, ns, device);
    out.append("</td><td>").append(runs(status)).append("</td><td>");
    out.append(Html.version(status == null ? null : status.getDesiredVersion()));
    out.append("</td><td>")
        .append(AgentStatus.badge(match.state() != null ? match.state() : model.state(device)))
        .append("</td></tr>");
  }

  /** "base + layer, layer" (marked when no deployment manages it any more), or "not managed". */
  static String runs(EdgeDeviceStatus status) {
    if (status == null || status.getBaseDeployment() == null) {
      return "<span class=\"muted\">not managed</span>";
    }
    StringBuilder out = new StringBuilder(Html.esc(status.getBaseDeployment()));
    List<String> layers = status.getLayers() == null ? List.of() : status.getLayers();
    if (!layers.isEmpty()) {
      out.append(" + ").append(Html.esc(String.join(", ", layers)));
    }
    if (Boolean.FALSE.equals(status.getManaged())) {
      // no deployment targets it any more: it still runs its last configuration
      out.append(" <span class=\"muted\">(not managed)</span>");
    }
    return out.toString();
  }

  private static void tags(StringBuilder out, String namespace, EdgeDevice device) {
    Map<String, JsonNode> tags = device.getSpec() == null ? null : device.getSpec().getTags();
    if (tags == null || tags.isEmpty()) {
      out.append("<span class=\"muted\">none</span>");
      return;
    }
    out.append("<ul class=\"chips\">");
    for (Map.Entry<String, JsonNode> tag : tags.entrySet()) {
      JsonNode value = tag.getValue();
      out.append("<li>");
      if (value != null && value.isValueNode() && tag.getKey().matches("[A-Za-z_][A-Za-z0-9_]*")) {
        String condition =
            "tags."
                + tag.getKey()
                + " = "
                + (value.isTextual() ? "'" + value.asText().replace("'", "\\'") + "'" : value);
        out.append("<a class=\"chip\" title=\"Devices where ")
            .append(Html.esc(condition))
            .append("\" href=\"")
            .append(Html.href("/devices", "ns", namespace, "where", condition))
            .append("\">")
            .append(Html.esc(tag.getKey() + "=" + value.asText()))
            .append("</a>");
      } else {
        out.append("<span class=\"chip\">")
            .append(Html.esc(tag.getKey() + "=" + value))
            .append("</span>");
      }
      out.append("</li>");
    }
    out.append("</ul>");
  }

  private void form(StringBuilder out, Request request, QueryException syntax) {
    out.append("<form class=\"filters\" method=\"get\" action=\"/devices\" role=\"search\">")
        .append("<label class=\"wide\">Target condition (IoT Hub query dialect)")
        .append("<input type=\"text\" id=\"where\" name=\"where\" spellcheck=\"false\"")
        .append(" autocomplete=\"off\" value=\"")
        .append(Html.esc(request.param("where")))
        .append(
            "\" placeholder=\"tags.building = '20' AND properties.reported.devicemodel = '4000x'\"")
        .append(syntax == null ? "" : " aria-invalid=\"true\" aria-describedby=\"where-error\"")
        .append("></label>")
        .append("<label>Name contains <input type=\"search\" name=\"q\" value=\"")
        .append(Html.esc(request.param("q")))
        .append("\"></label><label>Namespace <select name=\"ns\"><option value=\"\">all</option>");
    for (String ns : model.namespaces()) {
      out.append("<option")
          .append(ns.equals(request.param("ns")) ? " selected" : "")
          .append(">")
          .append(Html.esc(ns))
          .append("</option>");
    }
    out.append("</select></label>");
    for (String keep : List.of("deployment", "count", "metric")) {
      if (!request.param(keep).isEmpty()) {
        out.append("<input type=\"hidden\" name=\"")
            .append(keep)
            .append("\" value=\"")
            .append(Html.esc(request.param(keep)))
            .append("\">");
      }
    }
    out.append("<button type=\"submit\">Search</button></form>");
    if (syntax != null) {
      out.append("<div id=\"where-error\" class=\"error\" role=\"alert\"><p>")
          .append("The target condition does not parse: <strong class=\"where-message\">")
          .append(Html.esc(syntax.getMessage()))
          .append("</strong></p><pre class=\"caret\">")
          .append(Html.esc(syntax.excerpt()))
          .append("</pre></div>");
    }
  }

  private static void pager(StringBuilder out, Request request, int page, int pages) {
    if (pages <= 1) {
      return;
    }
    out.append("<nav class=\"pager\" aria-label=\"Pages\">");
    if (page > 1) {
      out.append(pageLink(request, page - 1, "← previous", "prev"));
    }
    out.append("<span>page ").append(page).append(" of ").append(pages).append("</span>");
    if (page < pages) {
      out.append(pageLink(request, page + 1, "next →", "next"));
    }
    out.append("</nav>");
  }

  private static String pageLink(Request request, int page, String text, String rel) {
    Map<String, String> params = new LinkedHashMap<>(request.params());
    params.put("page", Integer.toString(page));
    return "<a rel=\"" + rel + "\" href=\"" + Html.href("/devices", params) + "\">" + text + "</a>";
  }
}
