package io.edgefleet.console;

import io.edgefleet.api.v1alpha1.Condition;
import java.util.List;

/** Reading conditions from a status. */
final class Conditions {

  private Conditions() {}

  /** The condition of {@code type}, or null. */
  static Condition find(List<Condition> conditions, String type) {
    if (conditions == null) {
      return null;
    }
    for (Condition condition : conditions) {
      if (type.equals(condition.getType())) {
        return condition;
      }
    }
    return null;
  }

  /** A badge for a condition's status. */
  static String badge(String status) {
    return switch (status == null ? "" : status) {
      case "True" -> Html.badge("ok", "True");
      case "False" -> Html.badge("bad", "False");
      default -> Html.badge("muted", status == null || status.isEmpty() ? "Unknown" : status);
    };
  }

  /** A table of conditions. */
  static String table(List<Condition> conditions) {
    if (conditions == null || conditions.isEmpty()) {
      return "<p class=\"muted\">No conditions yet.</p>";
    }
    StringBuilder out =
        new StringBuilder(
            "<div class=\"scroll\"><table><thead><tr><th scope=\"col\">Type</th>"
                + "<th scope=\"col\">Status</th><th scope=\"col\">Reason</th>"
                + "<th scope=\"col\">Message</th><th scope=\"col\">Since</th></tr></thead><tbody>");
    for (Condition c : conditions) {
      out.append("<tr><td>")
          .append(Html.esc(c.getType()))
          .append("</td><td>")
          .append(badge(c.getStatus()))
          .append("</td><td>")
          .append(Html.esc(c.getReason()))
          .append("</td><td class=\"message\">")
          .append(Html.esc(c.getMessage()))
          .append("</td><td>")
          .append(Html.esc(c.getLastTransitionTime()))
          .append("</td></tr>");
    }
    return out.append("</tbody></table></div>").toString();
  }
}
