package io.edgefleet.engine.route;

import io.edgefleet.engine.query.MessageCondition;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed edgeHub route: {@code FROM <source> [WHERE <condition>] INTO <sink>}. Immutable; two
 * routes are equal when source, condition tree and sink are equal.
 */
public final class Route {

  private final String text;
  private final SourcePath source;
  private final MessageCondition condition;
  private final Sink sink;

  Route(String text, SourcePath source, MessageCondition condition, Sink sink) {
    this.text = text;
    this.source = source;
    this.condition = condition;
    this.sink = sink;
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

  /** The WHERE condition, if the route has one. */
  public Optional<MessageCondition> condition() {
    return Optional.ofNullable(condition);
  }

  /** The canonical sink: {@code $upstream} or {@code BrokeredEndpoint("/modules/m/inputs/i")}. */
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

  /** The canonical text; parsing it gives an equal route. */
  public String canonical() {
    String where = condition == null ? "" : " WHERE " + condition.canonical();
    return "FROM " + source.text() + where + " INTO " + sink.canonical();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Route route
        && route.source.equals(source)
        && Objects.equals(route.condition, condition)
        && route.sink.equals(sink);
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, condition, sink);
  }

  @Override
  public String toString() {
    return canonical();
  }
}
