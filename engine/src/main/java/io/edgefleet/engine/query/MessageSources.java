package io.edgefleet.engine.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

/** The sources of route conditions: the parts of a {@link MessageView}. */
final class MessageSources {

  private MessageSources() {}

  static Source<MessageView> of(Operand.Property property) {
    return switch (property.scope()) {
      case APPLICATION_PROPERTY -> new Property(property.segments().get(0), false);
      case SYSTEM_PROPERTY -> new Property(property.segments().get(0), true);
      case BODY -> new Body(JsonPaths.segments(property.segments()));
      default -> throw new IllegalArgumentException("not a message property: " + property);
    };
  }

  /** An application property ({@code name}) or a system property ({@code $name}). */
  static final class Property implements Source<MessageView> {
    private final String name;
    private final boolean system;

    Property(String name, boolean system) {
      this.name = name;
      this.system = system;
    }

    @Override
    public JsonNode node(MessageView message) {
      String value = text(message);
      return value == null ? null : TextNode.valueOf(value);
    }

    @Override
    public String text(MessageView message) {
      return system ? message.systemProperty(name) : message.applicationProperty(name);
    }

    @Override
    public boolean textOnly() {
      return true;
    }
  }

  /** {@code $body.a.b}. */
  static final class Body implements Source<MessageView> {
    private final String[] segments;

    Body(String[] segments) {
      this.segments = segments;
    }

    @Override
    public JsonNode node(MessageView message) {
      return JsonPaths.walk(message.body(), segments);
    }
  }
}
