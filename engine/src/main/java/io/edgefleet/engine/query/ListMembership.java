package io.edgefleet.engine.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code value IN [...]} and {@code value NIN [...]}: UNDEFINED when the value is missing or is an
 * object or array; otherwise whether it equals an item (by the rules of {@code =}), negated for
 * NIN. String items are looked up in a hash set.
 */
final class ListMembership<C> implements Evaluator<C> {
  private final Source<C> source;
  private final LiteralValue[] items;
  private final Set<String> texts;
  private final boolean negated;

  ListMembership(Source<C> source, LiteralValue[] items, boolean negated) {
    this.source = source;
    this.items = items;
    this.negated = negated;
    this.texts = new HashSet<>();
    for (LiteralValue item : items) {
      if (item.kind == LiteralValue.Kind.TEXT) {
        texts.add(item.text);
      }
    }
  }

  @Override
  public Truth test(C context) {
    if (source.textOnly()) {
      String value = source.text(context);
      return value == null ? Truth.UNDEFINED : Truth.of(texts.contains(value) != negated);
    }
    JsonNode value = source.node(context);
    if (value == null || value.isContainerNode()) {
      return Truth.UNDEFINED;
    }
    if (value.isTextual()) {
      return Truth.of(texts.contains(value.textValue()) != negated);
    }
    for (LiteralValue item : items) {
      if (Ordering.isEqual(Comparisons.compare(value, item))) {
        return Truth.of(!negated);
      }
    }
    return Truth.of(negated);
  }
}
