package io.edgefleet.cli.resolve;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes what {@code kubectl get edev,edep,cm -A -o yaml} prints for a fleet: one {@code kind:
 * List} document (items first, as kubectl writes it) with a deployment {@code prod} targeting half
 * of the devices, the devices with their server-set metadata and reported properties, and, if
 * asked, a generated ConfigMap per device.
 */
final class KubectlDump {

  private KubectlDump() {}

  /**
   * Writes a dump of {@code devices} devices to {@code file}.
   *
   * @return the number of devices written
   */
  static int write(Path file, int devices) throws IOException {
    return write(file, devices, false);
  }

  /** As {@link #write(Path, int)}, with a generated ConfigMap per device if asked. */
  static int write(Path file, int devices, boolean configMaps) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("apiVersion: v1\nitems:\n");
      out.write(
          """
          - apiVersion: edgefleet.io/v1alpha1
            kind: EdgeDeployment
            metadata:
              creationTimestamp: "2026-01-01T00:00:00Z"
              generation: 1
              name: prod
              namespace: fleet
              resourceVersion: "100"
              uid: 6f1c2d4e-0000-4000-8000-000000000000
            spec:
              priority: 10
              targetCondition: tags.environment = 'prod'
              modules:
                sensor: {image: "registry.example.com/sensor:1.4", env: {INTERVAL: "10"}}
              routes:
                up: {route: "FROM /messages/modules/sensor/outputs/* INTO $upstream"}
          """);
      for (int i = 0; i < devices; i++) {
        String name = String.format("dev-%06d", i);
        out.write(
            """
            - apiVersion: edgefleet.io/v1alpha1
              kind: EdgeDevice
              metadata:
                creationTimestamp: "2026-01-01T00:00:00Z"
                generation: 1
                labels: {site: plant-%d}
                name: %s
                namespace: fleet
                resourceVersion: "%d"
                uid: 00000000-0000-4000-8000-%012d
              spec:
                tags: {environment: %s, building: "%d", model: "4000x"}
              status:
                reported:
                  lastDesiredStatus: {code: 200}
                  agentVersion: "1.5.0"
            """
                .formatted(i % 17, name, 1000 + i, i, i % 2 == 0 ? "prod" : "dev", i % 40));
        if (configMaps) {
          out.write(
              """
              - apiVersion: v1
                kind: ConfigMap
                metadata:
                  annotations:
                    edgefleet.io/base-deployment: prod
                    edgefleet.io/desired-version: 0123456789abcdef
                    edgefleet.io/layers: ""
                  labels: {app.kubernetes.io/managed-by: edgefleet}
                  name: edgefleet-%s
                  namespace: fleet
                  ownerReferences:
                  - {apiVersion: edgefleet.io/v1alpha1, controller: true, kind: EdgeDevice, name: %s, uid: 00000000-0000-4000-8000-%012d}
                  resourceVersion: "%d"
                  uid: 10000000-0000-4000-8000-%012d
                data:
                  desiredVersion: 0123456789abcdef
                  manifest.json: '{"modulesContent":{"$edgeAgent":{"properties.desired":{"modules":{"sensor":{"settings":{"image":"registry.example.com/sensor:1.3"}}}}}}}'
                  provenance.json: '{"base":"prod","layers":[]}'
              """
                  .formatted(name, name, i, 500000 + i, i));
        }
      }
      out.write("kind: List\nmetadata:\n  resourceVersion: \"\"\n");
    }
    return devices;
  }
}
