package io.edgefleet.engine.route;

import io.edgefleet.engine.query.MessageCondition;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed edgeHub route: {@code FROM <source> [WHERE <condition>] INTO <sink>}. Immutable; two
 * routes are equal when source, condition (its tree, or its text when the query language cannot
 * read it) and sink are equal.
 */
public final class Route {

  private final String text;
  private final SourcePath source;
  private final String conditionText;
  private final MessageCondition condition;
  private final Sink sink;
  private final List<String> warnings;

  Route(
      String text,
      SourcePath source,
      String conditionText,
      MessageCondition condition,
      Sink sink,
      List<String> warnings) {
    this.text = text;
    this.source = source;
    this.conditionText = conditionText;
    this.condition = condition;
    this.sink = sink;
    this.warnings = List.copyOf(warnings);
  }

  /** The source path, e.g. {@code /messages/modules/filter/outputs/out1}. */
  public String source() {
    return source.text();
  }

  /** The module named in the source path, if one is (not for {@code *}). */
  public Optional<String> sourceModule() {
    return Optional.ofNullable(source.module());
  }

  /** The output named in the source path, if one is (not for {@code *}). */
  public Optional<String> sourceOutput() {
    return Optional.ofNullable(source.output());
  }

  /**
   * The WHERE condition in the query language, if the route has one that the query language can
   * read (edgeHub's condition language is wider: arithmetic, {@code ??}, its functions).
   */
  public Optional<MessageCondition> condition() {
    return Optional.ofNullable(condition);
  }

  /** The WHERE condition as written, if the route has one. */
  public Optional<String> conditionText() {
    return Optional.ofNullable(conditionText);
  }

  /**
   * What EdgeFleet checks beyond edgeHub found: each is worth a look but does not stop the route.
   */
  public List<String> warnings() {
    return warnings;
  }

  /** The canonical sink: {@code $upstream} or {@code BrokeredEndpoint("<address>")}. */
  public String sink() {
    return sink.canonical();
  }

  /** The module a BrokeredEndpoint sink delivers to. */
  public Optional<String> sinkModule() {
    return Optional.ofNullable(sink.module());
  }

  /** The module input a BrokeredEndpoint sink delivers to. */
  public Optional<String> sinkInput() {
    return Optional.ofNullable(sink.input());
  }

  /** True when the sink is {@code $upstream} (IoT Hub). */
  public boolean upstream() {
    return sink.upstream();
  }

  /** The text as it was given. */
  public String text() {
    return text;
  }

  /**
   * The canonical text: keywords in upper case, the source path and sink in one spelling, the
   * condition as written (edgeHub's condition language, which may not be the query language's
   * canonical form); parsing it gives an equal route.
   */
  public String canonical() {
    String where = conditionText == null ? "" : " WHERE " + conditionText;
    return "FROM " + source.text() + where + " INTO " + sink.canonical();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Route route
        && route.source.equals(source)
        && Objects.equals(route.condition, condition)
        && (condition != null || Objects.equals(route.conditionText, conditionText))
        && route.sink.equals(sink);
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, condition == null ? conditionText : condition, sink);
  }

  @Override
  public String toString() {
    return canonical();
  }
}
