package io.edgefleet.validation;

/**
 * A field path as the API server prints it: {@code spec.modules[sensor].env} ({@code field.Path}
 * with map keys and list indexes in brackets); the root prints as {@code <nil>}.
 */
record FieldPath(String text) {

  static final FieldPath ROOT = new FieldPath("");

  FieldPath child(String name) {
    return new FieldPath(text.isEmpty() ? name : text + "." + name);
  }

  FieldPath key(String key) {
    return new FieldPath(text + "[" + key + "]");
  }

  FieldPath index(int i) {
    return new FieldPath(text + "[" + i + "]");
  }

  boolean isRoot() {
    return text.isEmpty();
  }

  @Override
  public String toString() {
    return text.isEmpty() ? "<nil>" : text;
  }
}
