package io.edgefleet.engine.query;

import java.util.List;

/**
 * Paths of route conditions: a bare name is an application property, {@code $name} a system
 * property and {@code $body.a.b} a field of the JSON body. A property whose name is not a plain
 * identifier (or is a keyword) is written {@code [[name]]}.
 */
final class MessagePaths implements PathRules {

  static final MessagePaths INSTANCE = new MessagePaths();

  private MessagePaths() {}

  @Override
  public Operand.Property resolve(Token name, String text) throws QueryException {
    List<String> segments = name.segments();
    String head = segments.get(0);
    if (!name.quotedHead() && head.equals("$body")) {
      return new Operand.Property(Scope.BODY, segments.subList(1, segments.size()));
    }
    if (segments.size() > 1) {
      throw QueryException.problem(
          text,
          name.segmentStarts()[1] - 1,
          "message properties have no sub-properties (only $body does); quote a name that"
              + " contains dots: [[a.b]]");
    }
    if (name.quotedHead() || !head.startsWith("$")) {
      return new Operand.Property(Scope.APPLICATION_PROPERTY, List.of(head));
    }
    String system = head.substring(1);
    if (system.isEmpty()
        || !Lexer.isNameStart(system.charAt(0))
        || system.startsWith("$")
        || system.indexOf('$') >= 0) {
      throw QueryException.expected(text, name.start() + 1, "a system property name after '$'");
    }
    return new Operand.Property(Scope.SYSTEM_PROPERTY, List.of(system));
  }
}
