package io.edgefleet.engine.route;

/**
 * The INTO part of a route: {@code $upstream} (IoT Hub) or {@code BrokeredEndpoint("<address>")}.
 * edgeHub's endpoint factory splits the address (white space and one leading and one trailing
 * {@code /} removed) at {@code /} into exactly four segments and delivers to the module named by
 * the second and the input named by the fourth; the words in the first and third segments are not
 * checked (they are {@code modules} and {@code inputs} in every documented address).
 *
 * @param module the module a BrokeredEndpoint delivers to, null for $upstream
 * @param input the input of that module
 * @param address the address as written between the quotes, null for $upstream
 * @param quote the quote character of the canonical text: '"', or the one the address was written
 *     with if it holds a quote
 */
record Sink(String module, String input, String address, char quote) {

  static final Sink UPSTREAM = new Sink(null, null, null, '"');

  static final String ENDPOINT = "BrokeredEndpoint";

  boolean upstream() {
    return address == null;
  }

  String canonical() {
    return upstream() ? "$upstream" : ENDPOINT + "(" + quote + address + quote + ")";
  }

  /** Whether the address has the documented form {@code /modules/<m>/inputs/<i>}. */
  boolean documented() {
    return upstream() || canonicalAddress().equals(address);
  }

  String canonicalAddress() {
    return "/modules/" + module + "/inputs/" + input;
  }

  /**
   * The sink for an address, as edgeHub's endpoint factory reads it; null if it refuses it (the
   * address is blank or does not split into four segments).
   */
  static Sink brokered(String address, char quote) {
    String trimmed = address.strip();
    if (trimmed.isEmpty()) {
      return null;
    }
    if (trimmed.startsWith("/")) {
      trimmed = trimmed.substring(1);
    }
    if (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    String[] items = trimmed.split("/", -1);
    if (items.length != 4) {
      return null;
    }
    boolean quoted = address.indexOf('"') >= 0 || address.indexOf('\'') >= 0;
    return new Sink(items[1], items[3], address, quoted ? quote : '"');
  }
}
