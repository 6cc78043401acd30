package io.edgefleet.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A synthetic fleet like the campus in the Azure IoT Edge docs: tags building, floor, roomtype and
 * environment; reported devicemodel and lastDesiredStatus.code. Each twin is written as JSON and
 * read back with Jackson, so it is laid out as the operator holds it (field names interned by
 * Jackson, every value its own string), and the heap is compacted afterwards as it would be for
 * long-lived cached objects.
 */
final class Fleet {

  private static final String[] ROOM_TYPES = {"conference", "office", "lab", "lobby", "kitchen"};
  private static final String[] ENVIRONMENTS = {"prod", "prod", "prod", "test", "dev"};
  private static final String[] MODELS = {"4000x", "5000x", "3000y"};
  private static final int[] CODES = {200, 200, 200, 200, 400, 500};
  private static final Map<String, String> STATUSES = Map.of("prod-base", "Applied");

  private Fleet() {}

  static FleetDevice[] generate(int size, long seed) {
    ObjectMapper json = new ObjectMapper();
    SplittableRandom random = new SplittableRandom(seed);
    FleetDevice[] fleet = new FleetDevice[size];
    for (int i = 0; i < size; i++) {
      String environment =
          random.nextInt(20) == 0
              ? ""
              : ", \"environment\": \"" + pick(ENVIRONMENTS, random) + "\"";
      String tags =
          "{\"building\": \""
              + (1 + random.nextInt(50))
              + "\", \"floor\": \""
              + (1 + random.nextInt(10))
              + "\", \"roomtype\": \""
              + pick(ROOM_TYPES, random)
              + "\""
              + environment
              + "}";
      String reported =
          "{\"devicemodel\": \""
              + pick(MODELS, random)
              + "\", \"lastDesiredStatus\": {\"code\": "
              + CODES[random.nextInt(CODES.length)]
              + "}}";
      fleet[i] = new FleetDevice("edge-" + i, read(json, tags), read(json, reported), STATUSES);
    }
    System.gc();
    return fleet;
  }

  private static String pick(String[] values, SplittableRandom random) {
    return values[random.nextInt(values.length)];
  }

  private static JsonNode read(ObjectMapper json, String text) {
    try {
      return json.readTree(text);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
