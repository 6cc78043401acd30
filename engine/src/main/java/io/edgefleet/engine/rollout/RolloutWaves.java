package io.edgefleet.engine.rollout;

import io.edgefleet.engine.model.DeviceSource;
import io.edgefleet.engine.resolve.DeploymentSet;
import io.edgefleet.engine.resolve.DeviceTwin;
import io.edgefleet.engine.resolve.PreparedDeployment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which devices a change moves in which wave when its rollouts start now (docs/rollouts.md): what
 * {@code edgefleet resolve} shows offline. The order and the first wave are {@link
 * RolloutPlanner}'s; later waves assume every admitted device turns healthy before the next one is
 * admitted, {@code maxConcurrency} devices at a time. Pure.
 */
public final class RolloutWaves {

  /**
   * One device's place in one rollout.
   *
   * @param deployment the deployment whose rollout gates the device
   * @param wave 1 for the devices admitted at once, then 2, 3, ...
   * @param placeInLine for a device not in the first wave its place in line (1 is next), else 0
   * @param group the rollout group it belongs to, or null when in none
   */
  public record Place(String deployment, int wave, long placeInLine, String group) {}

  /**
   * One deployment's rollout as a whole.
   *
   * @param deployment the deployment
   * @param affected devices its change affects
   * @param perWave devices admitted per wave (maxConcurrency of the affected devices)
   * @param waves how many waves
   * @param phase the phase it starts in (Paused admits no one)
   */
  public record Rollout(
      String deployment, long affected, long perWave, int waves, RolloutPhase phase) {}

  /**
   * The waves of a namespace.
   *
   * @param rollouts deployment -> its rollout, for deployments whose change affects some device
   * @param devices device -> its places, one per rollout that gates it
   */
  public record Waves(Map<String, Rollout> rollouts, Map<String, List<Place>> devices) {}

  private RolloutWaves() {}

  /**
   * The waves of the changes {@code devices} would go through with {@code set}, their rollouts
   * starting at {@code now} with no device healthy yet by time (minHealthySeconds not elapsed).
   */
  public static Waves of(DeploymentSet set, Collection<DeviceSource> devices, Instant now) {
    RolloutPlan plan = RolloutPlanner.plan(set, Map.of(), devices, Map.of(), Map.of(), now);
    Map<String, Rollout> rollouts = new TreeMap<>();
    Map<String, List<Place>> places = new TreeMap<>();
    Map<String, DeviceSource> byName = new TreeMap<>();
    devices.forEach(d -> byName.put(d.name(), d));
    for (RolloutProgress progress : plan.all()) {
      PreparedDeployment deployment = set.get(progress.deployment());
      RolloutRules rules = deployment.rollout();
      Map<String, Verdict> verdicts = new TreeMap<>();
      byName
          .keySet()
          .forEach(
              device -> {
                Verdict verdict =
                    plan.verdict(progress.deployment(), progress.revisionHash(), device);
                if (verdict != null && verdict.admission() != Verdict.Admission.ROLLBACK) {
                  verdicts.put(device, verdict);
                }
              });
      if (verdicts.isEmpty()) {
        continue;
      }
      long perWave = Math.max(1, rules.maxConcurrency().of(progress.affected()));
      long first =
          verdicts.values().stream()
              .filter(v -> v.admission() == Verdict.Admission.ADMITTED)
              .count();
      int waves = 0;
      for (Map.Entry<String, Verdict> entry : verdicts.entrySet()) {
        Verdict verdict = entry.getValue();
        int wave =
            verdict.admission() == Verdict.Admission.ADMITTED
                ? 1
                : (first > 0 ? 1 : 0) + (int) ((verdict.placeInLine() + perWave - 1) / perWave);
        waves = Math.max(waves, wave);
        int group = rules.groupOf(new DeviceTwin(byName.get(entry.getKey())));
        places
            .computeIfAbsent(entry.getKey(), d -> new ArrayList<>())
            .add(
                new Place(
                    progress.deployment(),
                    wave,
                    verdict.placeInLine(),
                    group < rules.groups().size() ? rules.groups().get(group).name() : null));
      }
      rollouts.put(
          progress.deployment(),
          new Rollout(
              progress.deployment(), progress.affected(), perWave, waves, progress.phase()));
    }
    places.values().forEach(list -> list.sort(Comparator.comparing(Place::deployment)));
    return new Waves(rollouts, places);
  }
}
