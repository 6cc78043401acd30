package io.edgefleet.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * Reads the Kubernetes protobuf encoding of the few built-in kinds kubectl creates imperatively
 * ({@code kubectl create namespace|configmap|secret|serviceaccount}) and the reviews of {@code
 * kubectl auth can-i}, which kubectl sends as {@code application/vnd.kubernetes.protobuf} and
 * nothing else: the {@code k8s\0} envelope (a {@code runtime.Unknown} with the type and the raw
 * message), then the object's fields by their numbers in the Kubernetes {@code generated.proto}
 * files. Fields it does not know are skipped.
 */
final class Protobuf {

  private static final byte[] MAGIC = {'k', '8', 's', 0};

  private enum Type {
    STRING,
    BYTES,
    BOOL,
    INT64,
    TIME,
    MESSAGE,
    STRING_MAP,
    BYTES_MAP,
    STRINGS,
    MESSAGES
  }

  private record Field(String name, Type type, Map<Integer, Field> message) {
    static Field of(String name, Type type) {
      return new Field(name, type, Map.of());
    }

    static Field of(String name, Type type, Map<Integer, Field> message) {
      return new Field(name, type, message);
    }
  }

  private static final Map<Integer, Field> OWNER_REFERENCE =
      Map.of(
          1, Field.of("kind", Type.STRING),
          3, Field.of("name", Type.STRING),
          4, Field.of("uid", Type.STRING),
          5, Field.of("apiVersion", Type.STRING),
          6, Field.of("controller", Type.BOOL),
          7, Field.of("blockOwnerDeletion", Type.BOOL));

  private static final Map<Integer, Field> OBJECT_META =
      Map.ofEntries(
          Map.entry(1, Field.of("name", Type.STRING)),
          Map.entry(2, Field.of("generateName", Type.STRING)),
          Map.entry(3, Field.of("namespace", Type.STRING)),
          Map.entry(5, Field.of("uid", Type.STRING)),
          Map.entry(6, Field.of("resourceVersion", Type.STRING)),
          Map.entry(7, Field.of("generation", Type.INT64)),
          Map.entry(8, Field.of("creationTimestamp", Type.TIME)),
          Map.entry(11, Field.of("labels", Type.STRING_MAP)),
          Map.entry(12, Field.of("annotations", Type.STRING_MAP)),
          Map.entry(13, Field.of("ownerReferences", Type.MESSAGES, OWNER_REFERENCE)),
          Map.entry(14, Field.of("finalizers", Type.STRINGS)));

  private static final Field METADATA = Field.of("metadata", Type.MESSAGE, OBJECT_META);

  private static final Map<Integer, Field> OBJECT_REFERENCE =
      Map.of(
          1, Field.of("kind", Type.STRING),
          2, Field.of("namespace", Type.STRING),
          3, Field.of("name", Type.STRING),
          4, Field.of("uid", Type.STRING),
          5, Field.of("apiVersion", Type.STRING));

  private static final Map<Integer, Field> RESOURCE_ATTRIBUTES =
      Map.of(
          1, Field.of("namespace", Type.STRING),
          2, Field.of("verb", Type.STRING),
          3, Field.of("group", Type.STRING),
          4, Field.of("version", Type.STRING),
          5, Field.of("resource", Type.STRING),
          6, Field.of("subresource", Type.STRING),
          7, Field.of("name", Type.STRING));

  private static final Map<Integer, Field> ACCESS_REVIEW =
      Map.of(
          1,
          METADATA,
          2,
          Field.of(
              "spec",
              Type.MESSAGE,
              Map.of(
                  1, Field.of("resourceAttributes", Type.MESSAGE, RESOURCE_ATTRIBUTES),
                  2,
                      Field.of(
                          "nonResourceAttributes",
                          Type.MESSAGE,
                          Map.of(
                              1,
                              Field.of("path", Type.STRING),
                              2,
                              Field.of("verb", Type.STRING))))));

  private static final Map<String, Map<Integer, Field>> KINDS =
      Map.of(
          "authorization.k8s.io/v1/SelfSubjectAccessReview",
          ACCESS_REVIEW,
          "authorization.k8s.io/v1/SelfSubjectRulesReview",
          Map.of(
              1,
              METADATA,
              2,
              Field.of("spec", Type.MESSAGE, Map.of(1, Field.of("namespace", Type.STRING)))),
          "v1/ConfigMap",
          Map.of(
              1, METADATA,
              2, Field.of("data", Type.STRING_MAP),
              3, Field.of("binaryData", Type.BYTES_MAP),
              4, Field.of("immutable", Type.BOOL)),
          "v1/Secret",
          Map.of(
              1, METADATA,
              2, Field.of("data", Type.BYTES_MAP),
              3, Field.of("type", Type.STRING),
              4, Field.of("stringData", Type.STRING_MAP),
              5, Field.of("immutable", Type.BOOL)),
          "v1/Namespace",
          Map.of(
              1,
              METADATA,
              2,
              Field.of("spec", Type.MESSAGE, Map.of(1, Field.of("finalizers", Type.STRINGS)))),
          "v1/ServiceAccount",
          Map.of(
              1, METADATA,
              2, Field.of("secrets", Type.MESSAGES, OBJECT_REFERENCE),
              3,
                  Field.of(
                      "imagePullSecrets", Type.MESSAGES, Map.of(1, Field.of("name", Type.STRING))),
              4, Field.of("automountServiceAccountToken", Type.BOOL)));

  private Protobuf() {}

  /** Whether the body starts with the Kubernetes protobuf envelope. */
  static boolean isEnvelope(byte[] body) {
    if (body.length < MAGIC.length) {
      return false;
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (body[i] != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Decodes an object as JSON.
   *
   * @throws IllegalArgumentException when the body is not an envelope, or its kind is not one of
   *     those read here
   */
  static ObjectNode decode(byte[] body) {
    if (!isEnvelope(body)) {
      throw new IllegalArgumentException("not a Kubernetes protobuf message");
    }
    Reader envelope = new Reader(body, MAGIC.length, body.length);
    String apiVersion = "";
    String kind = "";
    byte[] raw = new byte[0];
    while (envelope.more()) {
      int tag = envelope.varint32();
      int number = tag >>> 3;
      if (number == 1 && (tag & 7) == 2) {
        Reader typeMeta = envelope.sub();
        while (typeMeta.more()) {
          int t = typeMeta.varint32();
          if ((t >>> 3) == 1 && (t & 7) == 2) {
            apiVersion = typeMeta.string();
          } else if ((t >>> 3) == 2 && (t & 7) == 2) {
            kind = typeMeta.string();
          } else {
            typeMeta.skip(t & 7);
          }
        }
      } else if (number == 2 && (tag & 7) == 2) {
        raw = envelope.bytes();
      } else {
        envelope.skip(tag & 7);
      }
    }
    Map<Integer, Field> schema = KINDS.get(apiVersion + "/" + kind);
    if (schema == null) {
      throw new IllegalArgumentException(
          "the sandbox reads protobuf only for Namespace, ConfigMap, Secret, ServiceAccount and"
              + " self-subject reviews, not "
              + kind
              + " ("
              + apiVersion
              + "): send JSON (e.g. kubectl create -f <file>)");
    }
    ObjectNode object = Json.NODES.objectNode();
    object.put("apiVersion", apiVersion);
    object.put("kind", kind);
    read(new Reader(raw, 0, raw.length), schema, object);
    return object;
  }

  private static void read(Reader r, Map<Integer, Field> schema, ObjectNode into) {
    while (r.more()) {
      int tag = r.varint32();
      int wire = tag & 7;
      Field f = schema.get(tag >>> 3);
      if (f == null) {
        r.skip(wire);
        continue;
      }
      switch (f.type()) {
        case STRING -> {
          String value = r.string();
          if (!value.isEmpty()) { // Go omits empty strings from JSON
            into.put(f.name(), value);
          }
        }
        case BYTES -> into.put(f.name(), Base64.getEncoder().encodeToString(r.bytes()));
        case BOOL -> into.put(f.name(), r.varint() != 0);
        case INT64 -> {
          long value = r.varint();
          if (value != 0) {
            into.put(f.name(), value);
          }
        }
        case TIME -> {
          Reader t = r.sub();
          long seconds = 0;
          while (t.more()) {
            int tt = t.varint32();
            if ((tt >>> 3) == 1 && (tt & 7) == 0) {
              seconds = t.varint();
            } else {
              t.skip(tt & 7);
            }
          }
          if (seconds != 0) {
            into.put(f.name(), Instant.ofEpochSecond(seconds).toString());
          }
        }
        case MESSAGE -> {
          ObjectNode child =
              into.get(f.name()) instanceof ObjectNode o ? o : into.putObject(f.name());
          read(r.sub(), f.message(), child);
        }
        case MESSAGES -> {
          ArrayNode list = into.get(f.name()) instanceof ArrayNode a ? a : into.putArray(f.name());
          read(r.sub(), f.message(), list.addObject());
        }
        case STRINGS -> {
          ArrayNode list = into.get(f.name()) instanceof ArrayNode a ? a : into.putArray(f.name());
          list.add(r.string());
        }
        case STRING_MAP, BYTES_MAP -> {
          ObjectNode map =
              into.get(f.name()) instanceof ObjectNode o ? o : into.putObject(f.name());
          Reader entry = r.sub();
          String key = "";
          String value = "";
          while (entry.more()) {
            int et = entry.varint32();
            if ((et >>> 3) == 1) {
              key = entry.string();
            } else if ((et >>> 3) == 2) {
              value =
                  f.type() == Type.BYTES_MAP
                      ? Base64.getEncoder().encodeToString(entry.bytes())
                      : entry.string();
            } else {
              entry.skip(et & 7);
            }
          }
          map.put(key, value);
        }
        default -> r.skip(wire);
      }
    }
  }

  /** A cursor over protobuf wire format. */
  private static final class Reader {
    private final byte[] buf;
    private int pos;
    private final int end;

    Reader(byte[] buf, int from, int to) {
      this.buf = buf;
      this.pos = from;
      this.end = to;
    }

    boolean more() {
      return pos < end;
    }

    long varint() {
      long result = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        if (pos >= end) {
          throw new IllegalArgumentException("truncated protobuf message");
        }
        byte b = buf[pos++];
        result |= (long) (b & 0x7f) << shift;
        if ((b & 0x80) == 0) {
          return result;
        }
      }
      throw new IllegalArgumentException("malformed varint");
    }

    int varint32() {
      return (int) varint();
    }

    byte[] bytes() {
      int length = varint32();
      if (length < 0 || pos + length > end) {
        throw new IllegalArgumentException("truncated protobuf message");
      }
      byte[] out = new byte[length];
      System.arraycopy(buf, pos, out, 0, length);
      pos += length;
      return out;
    }

    String string() {
      return new String(bytes(), StandardCharsets.UTF_8);
    }

    Reader sub() {
      int length = varint32();
      if (length < 0 || pos + length > end) {
        throw new IllegalArgumentException("truncated protobuf message");
      }
      Reader r = new Reader(buf, pos, pos + length);
      pos += length;
      return r;
    }

    void skip(int wireType) {
      switch (wireType) {
        case 0 -> varint();
        case 1 -> pos += 8;
        case 2 -> {
          int length = varint32(); // read before adding: the varint moves pos
          pos += length;
        }
        case 5 -> pos += 4;
        default -> throw new IllegalArgumentException("unsupported wire type " + wireType);
      }
      if (pos > end) {
        throw new IllegalArgumentException("truncated protobuf message");
      }
    }
  }
}
