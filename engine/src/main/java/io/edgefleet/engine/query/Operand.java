package io.edgefleet.engine.query;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/** One side of a comparison or a function argument: a property path or a literal value. */
public sealed interface Operand {

  /**
   * A property path: where it reads from and the names below that. For {@link
   * Scope#CONFIGURATION_STATUS} the one segment is the deployment name; for {@link Scope#DEVICE_ID}
   * there are none; for message properties the one segment is the property name.
   */
  record Property(Scope scope, List<String> segments) implements Operand {
    public Property {
      Objects.requireNonNull(scope, "scope");
      segments = List.copyOf(segments);
    }
  }

  /** A literal value. */
  sealed interface Literal extends Operand {}

  /** A string literal (escapes already resolved). */
  record Text(String value) implements Literal {
    public Text {
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * A number literal, exactly as written: {@code 2.0} and {@code 2} are different literals (and
   * different trees) but compare as equal values.
   */
  record Numeric(BigDecimal value) implements Literal {
    public Numeric {
      Objects.requireNonNull(value, "value");
    }
  }

  /** {@code true} or {@code false}. */
  record Bool(boolean value) implements Literal {}

  /** {@code null}. */
  record Null() implements Literal {}
}
