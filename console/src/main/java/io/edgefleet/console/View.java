package io.edgefleet.console;

/**
 * What a page produces: its title, section, whether it follows changes live, and its main content
 * (escaped HTML).
 */
record View(String title, Layout.Section section, boolean live, String main, int status) {

  View(String title, Layout.Section section, boolean live, String main) {
    this(title, section, live, main, 200);
  }

  static View notFound(String what) {
    return new View(
        "Not found",
        Layout.Section.DEPLOYMENTS,
        false,
        "<h1>Not found</h1><p>" + Html.esc(what) + "</p>",
        404);
  }
}
