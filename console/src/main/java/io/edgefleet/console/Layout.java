package io.edgefleet.console;

/** The frame every page shares: head, skip link, navigation, the live indicator. */
final class Layout {

  /** Navigation sections. */
  enum Section {
    DEPLOYMENTS("/deployments", "Deployments"),
    DEVICES("/devices", "Devices"),
    PREVIEW("/preview", "Preview a change");

    final String path;
    final String title;

    Section(String path, String title) {
      this.path = path;
      this.title = title;
    }
  }

  private Layout() {}

  /**
   * A whole page.
   *
   * @param live whether the page follows changes by itself (pages with a form being edited do not)
   * @param main the content of {@code <main>}, already escaped
   */
  static String page(String title, Section section, boolean live, String main) {
    StringBuilder out = new StringBuilder(main.length() + 2048);
    out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>")
        .append(Html.esc(title))
        .append(" · EdgeFleet</title>")
        .append("<link rel=\"stylesheet\" href=\"/static/console.css\">")
        .append("<script src=\"/static/console.js\" defer></script>")
        .append("</head><body data-live=\"")
        .append(live)
        .append("\">")
        .append("<a class=\"skip\" href=\"#main\">Skip to content</a>")
        .append("<header><nav aria-label=\"Sections\"><span class=\"brand\">EdgeFleet</span><ul>");
    for (Section s : Section.values()) {
      out.append("<li><a href=\"")
          .append(s.path)
          .append('"')
          .append(s == section ? " aria-current=\"page\"" : "")
          .append('>')
          .append(s.title)
          .append("</a></li>");
    }
    out.append("</ul><span id=\"live\" class=\"live\" role=\"status\" aria-live=\"polite\">")
        .append(live ? "live" : "")
        .append("</span></nav></header>")
        .append("<main id=\"main\" tabindex=\"-1\">")
        .append(main)
        .append("</main><footer>Read-only: this console changes nothing in the cluster.</footer>")
        .append("</body></html>\n");
    return out.toString();
  }
}
