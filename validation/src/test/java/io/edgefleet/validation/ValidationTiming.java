package io.edgefleet.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Not a test: prints how long validating one object takes. Run with {@code java -cp ...
 * io.edgefleet.validation.ValidationTiming <crd.yaml> <object.yaml> [iterations]}.
 */
public final class ValidationTiming {

  private ValidationTiming() {}

  public static void main(String[] args) throws Exception {
    CrdValidator validator = CrdValidator.load(Files.readString(Path.of(args[0])));
    JsonNode object = Json.read(Files.readString(Path.of(args[1])));
    int n = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
    for (int i = 0; i < n; i++) { // warm-up
      validator.validate(object);
    }
    long start = System.nanoTime();
    int errors = 0;
    for (int i = 0; i < n; i++) {
      errors += validator.validate(object).size();
    }
    long elapsed = System.nanoTime() - start;
    System.out.printf(
        "%d validations, %.1f µs per object (%d errors in total)%n",
        n, elapsed / 1000.0 / n, errors);
  }
}
