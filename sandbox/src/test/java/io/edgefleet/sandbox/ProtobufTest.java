package io.edgefleet.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** What kubectl create sends for built-in kinds. */
class ProtobufTest {

  /** {@code kubectl create namespace foo}, as kubectl 1.32 sends it. */
  private static final String NAMESPACE_FOO =
      "6b3873000a0f0a0276311209"
          + "4e616d657370616365121b0a130a03666f6f12001a0022002a00320038004200120"
          + "01a020a001a002200";

  @Test
  void readsANamespaceAsKubectlSendsIt() {
    byte[] body = HexFormat.of().parseHex(NAMESPACE_FOO);
    assertThat(Protobuf.isEnvelope(body)).isTrue();
    JsonNode ns = Protobuf.decode(body);
    assertThat(ns)
        .isEqualTo(
            Json.parse(
                "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"foo\"},"
                    + "\"spec\":{}}"));
  }

  @Test
  void readsAConfigMapWithLabelsDataAndBinaryData() {
    byte[] meta =
        concat(
            string(1, "settings"),
            string(3, "campus"),
            message(11, concat(string(1, "team"), string(2, "iot"))));
    byte[] raw =
        concat(
            message(1, meta),
            message(2, concat(string(1, "a"), string(2, "1"))),
            message(2, concat(string(1, "b"), string(2, "two"))),
            message(3, concat(string(1, "bin"), string(2, "\u0001\u0002"))));
    byte[] body =
        concat(
            new byte[] {'k', '8', 's', 0},
            message(1, concat(string(1, "v1"), string(2, "ConfigMap"))),
            message(2, raw));
    JsonNode cm = Protobuf.decode(body);
    assertThat(cm.path("metadata").path("name").asText()).isEqualTo("settings");
    assertThat(cm.path("metadata").path("namespace").asText()).isEqualTo("campus");
    assertThat(cm.path("metadata").path("labels").path("team").asText()).isEqualTo("iot");
    assertThat(cm.path("data").path("a").asText()).isEqualTo("1");
    assertThat(cm.path("data").path("b").asText()).isEqualTo("two");
    assertThat(cm.path("binaryData").path("bin").asText()).isEqualTo("AQI=");
  }

  @Test
  void refusesKindsItDoesNotRead() {
    byte[] body =
        concat(
            new byte[] {'k', '8', 's', 0},
            message(1, concat(string(1, "v1"), string(2, "Pod"))),
            message(2, new byte[0]));
    assertThatThrownBy(() -> Protobuf.decode(body))
        .hasMessageContaining("not Pod")
        .hasMessageContaining("send JSON");
    assertThatThrownBy(() -> Protobuf.decode("{}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Protobuf.decode(HexFormat.of().parseHex("6b3873000a0f0a02")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] string(int field, String value) {
    return message(field, value.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] message(int field, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    varint(out, (field << 3) | 2);
    varint(out, content.length);
    out.writeBytes(content);
    return out.toByteArray();
  }

  private static void varint(ByteArrayOutputStream out, int value) {
    while ((value & ~0x7f) != 0) {
      out.write((value & 0x7f) | 0x80);
      value >>>= 7;
    }
    out.write(value);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
