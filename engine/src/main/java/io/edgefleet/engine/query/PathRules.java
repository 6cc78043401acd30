package io.edgefleet.engine.query;

/** Which property paths a dialect accepts (device twins or messages) and what they mean. */
interface PathRules {

  /** The property a name token denotes, or an error pointing at the offending segment. */
  Operand.Property resolve(Token name, String text) throws QueryException;
}
