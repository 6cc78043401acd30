package io.edgefleet.console;

import java.util.List;
import java.util.Map;

/** Routes a request to its page and frames the result; no HTTP here, so pages test directly. */
public final class Pages {

  /** An HTTP response's parts. */
  public record Response(
      int status, String contentType, String body, Map<String, String> headers) {}

  private static final String HTML = "text/html; charset=utf-8";

  private final FleetReadModel model;
  private final DeploymentsPage deployments;
  private final DeploymentPage deployment;
  private final DevicesPage devices;
  private final DevicePage device;
  private final PreviewPage preview;

  public Pages(FleetReadModel model) {
    this.model = model;
    this.deployments = new DeploymentsPage(model);
    this.deployment = new DeploymentPage(model);
    this.devices = new DevicesPage(model);
    this.device = new DevicePage(model);
    this.preview = new PreviewPage(model);
  }

  /** The response to {@code request}. */
  public Response respond(Request request) {
    List<String> path = request.segments();
    if (model.ready()
        && path.equals(List.of("preview"))
        && request.param("action").equals("download")) {
      return preview.download(request);
    }
    View view = view(request, path);
    String body =
        request.fragment()
            ? view.main()
            : Layout.page(view.title(), view.section(), view.live(), view.main());
    return new Response(view.status(), HTML, body, Map.of());
  }

  private View view(Request request, List<String> path) {
    if (!model.ready()) {
      return new View(
          "Starting",
          Layout.Section.DEPLOYMENTS,
          true,
          "<h1>Starting</h1><p>The operator's caches are not synced yet; this page reloads by"
              + " itself.</p>",
          503);
    }
    String first = path.isEmpty() ? "" : path.get(0);
    return switch (first) {
      case "deployments" ->
          path.size() == 1
              ? deployments.render(request)
              : path.size() == 3 ? deployment.render(path.get(1), path.get(2)) : notFound(path);
      case "devices" ->
          path.size() == 1
              ? devices.render(request)
              : path.size() == 3 ? device.render(path.get(1), path.get(2)) : notFound(path);
      case "preview" -> path.size() == 1 ? preview.render(request) : notFound(path);
      default -> notFound(path);
    };
  }

  private static View notFound(List<String> path) {
    return View.notFound("There is no page at /" + String.join("/", path) + ".");
  }
}
