package io.edgefleet.engine.query;

import java.util.Objects;

/**
 * A custom metric: {@code SELECT deviceId FROM devices [WHERE condition]} (or {@code SELECT *}).
 * Its value is the number of devices it {@link #matches}. Immutable and thread-safe.
 */
public final class MetricQuery {

  private final String text;
  private final boolean selectAll;
  private final TargetCondition where;
  private final boolean hasWhere;

  MetricQuery(String text, boolean selectAll, TargetCondition where) {
    this.text = text;
    this.selectAll = selectAll;
    this.hasWhere = where != null;
    this.where = where == null ? TargetCondition.everything() : where;
  }

  /** The WHERE condition; a condition every device matches when the query has none. */
  public TargetCondition where() {
    return where;
  }

  /** True when the query has a WHERE clause. */
  public boolean hasWhere() {
    return hasWhere;
  }

  /** True for {@code SELECT *}, false for {@code SELECT deviceId}; both count devices. */
  public boolean selectsAll() {
    return selectAll;
  }

  /** Whether the device is counted. */
  public boolean matches(TwinView twin) {
    return where.matches(twin);
  }

  /** The text as it was given. */
  public String text() {
    return text;
  }

  /** The canonical form, e.g. {@code SELECT deviceId FROM devices WHERE tags.a = 'b'}. */
  public String canonical() {
    String select = "SELECT " + (selectAll ? "*" : "deviceId") + " FROM devices";
    return hasWhere ? select + " WHERE " + where.canonical() : select;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof MetricQuery query
        && query.selectAll == selectAll
        && query.hasWhere == hasWhere
        && query.where.equals(where);
  }

  @Override
  public int hashCode() {
    return Objects.hash(selectAll, hasWhere, where);
  }

  @Override
  public String toString() {
    return canonical();
  }
}
