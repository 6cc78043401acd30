package io.edgefleet.engine.route;

import io.edgefleet.engine.query.QueryException;

/**
 * The INTO part of a route: {@code $upstream} (IoT Hub) or {@code
 * BrokeredEndpoint("/modules/<module>/inputs/<input>")} (another module's input).
 */
record Sink(String module, String input) {

  static final Sink UPSTREAM = new Sink(null, null);

  private static final String ENDPOINT = "BrokeredEndpoint";

  boolean upstream() {
    return module == null;
  }

  String canonical() {
    return upstream()
        ? "$upstream"
        : ENDPOINT + "(\"/modules/" + module + "/inputs/" + input + "\")";
  }

  static Sink read(RouteScanner scanner) throws QueryException {
    String text = scanner.text();
    int start = scanner.pos();
    if (scanner.peek() == '$') {
      scanner.moveTo(start + 1);
      String name = scanner.identifier();
      if (!name.equals("upstream")) {
        throw QueryException.problem(
            text, start, "unknown system endpoint '$" + name + "'; the only one is $upstream");
      }
      return UPSTREAM;
    }
    String function = scanner.identifier();
    if (function.isEmpty()) {
      throw scanner.expected(
          "a sink after INTO: $upstream or BrokeredEndpoint(\"/modules/<module>/inputs/<input>\")");
    }
    if (!function.equalsIgnoreCase(ENDPOINT)) {
      throw QueryException.problem(
          text,
          start,
          "unknown endpoint '"
              + function
              + "'; use $upstream or BrokeredEndpoint(\"/modules/<module>/inputs/<input>\")");
    }
    scanner.skipWhitespace();
    if (scanner.peek() != '(') {
      throw scanner.expected("'(' after " + function);
    }
    scanner.moveTo(scanner.pos() + 1);
    scanner.skipWhitespace();
    if (scanner.peek() != '"' && scanner.peek() != '\'') {
      throw scanner.expected("a quoted address such as \"/modules/<module>/inputs/<input>\"");
    }
    int addressStart = scanner.pos();
    String address = scanner.string();
    Sink sink = parseAddress(text, addressStart, address);
    scanner.skipWhitespace();
    if (scanner.peek() != ')') {
      throw scanner.expected("')' after the address");
    }
    scanner.moveTo(scanner.pos() + 1);
    return sink;
  }

  private static Sink parseAddress(String text, int at, String address) throws QueryException {
    String[] parts = address.split("/", -1);
    if (parts.length != 5
        || !parts[0].isEmpty()
        || !parts[1].equals("modules")
        || !RouteScanner.isName(parts[2])
        || !parts[3].equals("inputs")
        || !RouteScanner.isName(parts[4])) {
      throw QueryException.expected(
          text, at + 1, "an address of the form /modules/<module>/inputs/<input>");
    }
    return new Sink(parts[2], parts[4]);
  }
}
