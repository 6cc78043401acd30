package io.edgefleet.api.crd;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.validation.CrdValidator;
import io.edgefleet.validation.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The CRDs this build generated, read from {@code target/classes/META-INF/edgefleet/crds/}. */
final class GeneratedCrds {

  static final String DEVICES = "edgedevices.edgefleet.io-v1.yml";
  static final String DEPLOYMENTS = "edgedeployments.edgefleet.io-v1.yml";

  private static final CrdValidator DEVICE_VALIDATOR = CrdValidator.load(json(DEVICES));
  private static final CrdValidator DEPLOYMENT_VALIDATOR = CrdValidator.load(json(DEPLOYMENTS));

  private GeneratedCrds() {}

  static JsonNode json(String file) {
    return Json.read(text(file));
  }

  static String text(String file) {
    try {
      return Files.readString(CrdDriftTest.generatedDir().resolve(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static CrdValidator devices() {
    return DEVICE_VALIDATOR;
  }

  static CrdValidator deployments() {
    return DEPLOYMENT_VALIDATOR;
  }

  /** The validator for an object's kind, or null for kinds that are not ours. */
  static CrdValidator forKind(String kind) {
    return switch (kind) {
      case "EdgeDevice" -> DEVICE_VALIDATOR;
      case "EdgeDeployment" -> DEPLOYMENT_VALIDATOR;
      default -> null;
    };
  }

  static Path examplesDir() {
    return Path.of("..", "examples");
  }
}
