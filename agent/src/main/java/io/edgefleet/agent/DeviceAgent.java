package io.edgefleet.agent;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.agent.report.StatusReporter;
import io.edgefleet.agent.runtime.ImagePullException;
import io.edgefleet.agent.runtime.ModuleRuntime;
import io.edgefleet.agent.runtime.ModuleState;
import io.edgefleet.agent.runtime.RegistryCredential;
import io.edgefleet.agent.runtime.RuntimeModule;
import io.edgefleet.agent.runtime.RuntimeUnavailableException;
import io.edgefleet.api.contract.GeneratedObjects;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent of one device, without any Kubernetes I/O of its own: it is told about its ConfigMap
 * and registry Secret (by its own informers, or by a fleet's shared ones), validates each new
 * desired version, applies it to its {@link ModuleRuntime}, and hands what to report to its {@link
 * StatusReporter}.
 *
 * <p>Rules: a version is reported only once it was applied (200, or 500 when a module did not
 * start) or rejected (400, 412, 417) or could not be applied because the runtime is unreachable
 * (406); a version that is superseded while it is being applied is never reported. A ConfigMap that
 * disappears changes nothing: the modules keep running (sticky). New registry credentials are
 * handed to the runtime for its next pulls, without a new report.
 *
 * <p>All state changes run on the agent's own serial executor, so a fleet of agents shares a few
 * threads.
 */
public final class DeviceAgent {

  private static final Logger LOG = LoggerFactory.getLogger(DeviceAgent.class);
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final String namespace;
  private final String device;
  private final ModuleRuntime runtime;
  private final StatusReporter reporter;
  private final AgentOptions options;
  private final SerialExecutor serial;
  private final ScheduledExecutorService timer;
  private final AtomicLong token = new AtomicLong();
  private final AtomicBoolean modulesChangeQueued = new AtomicBoolean();
  private final Consumer<ModuleState> moduleListener = this::moduleChanged;
  private volatile boolean stopped;

  // confined to the serial executor
  private String targetVersion;
  private DeviceManifest pending;
  private DeviceManifest applied;
  private Map<String, String> appliedProblems = Map.of();
  private boolean applying;
  private Map<String, String> secretData;
  private List<RegistryCredential> credentials = List.of();
  private ScheduledFuture<?> credentialTimeout;
  private DesiredStatus lastStatus;
  private String lastVersion;
  private int failedPulls;

  // read by progress displays on other threads
  private volatile boolean configurationPresent;
  private volatile String reportedVersion;
  private volatile int reportedCode;

  /**
   * @param pool runs the agent's work (shared by a fleet)
   * @param timer schedules retries and time-outs (shared by a fleet)
   */
  public DeviceAgent(
      String namespace,
      String device,
      ModuleRuntime runtime,
      StatusReporter reporter,
      AgentOptions options,
      Executor pool,
      ScheduledExecutorService timer) {
    this.namespace = namespace;
    this.device = device;
    this.runtime = runtime;
    this.reporter = reporter;
    this.options = options;
    this.serial = new SerialExecutor(pool);
    this.timer = timer;
  }

  /** The device's name. */
  public String device() {
    return device;
  }

  /** The device's namespace. */
  public String namespace() {
    return namespace;
  }

  /** The name of the ConfigMap this agent consumes. */
  public String configMapName() {
    return GeneratedObjects.configMapName(device);
  }

  /** The name of the registry Secret this agent consumes. */
  public String registrySecretName() {
    return GeneratedObjects.registrySecretName(device);
  }

  /** Starts listening to the runtime and reports the static properties. */
  public void start() {
    runtime.addListener(moduleListener);
    serial.execute(() -> publish(true));
  }

  /** Stops reporting (the modules keep running). */
  public void stop() {
    stopped = true;
    runtime.removeListener(moduleListener);
    reporter.close();
  }

  /** The device's ConfigMap as it is now, or null when it does not exist (any more). */
  public void configMapChanged(ConfigMap configMap) {
    serial.execute(() -> onConfigMap(configMap));
  }

  /** The device's registry Secret as it is now, or null when it does not exist (any more). */
  public void secretChanged(Secret secret) {
    serial.execute(() -> onSecret(secret));
  }

  /** Whether the device's ConfigMap exists (as last seen). */
  public boolean configurationPresent() {
    return configurationPresent;
  }

  /** The last desired version this agent reported (applied or rejected), or null. */
  public String reportedVersion() {
    return reportedVersion;
  }

  /** The status code reported with {@link #reportedVersion()}, or 0. */
  public int reportedCode() {
    return reportedCode;
  }

  /** Whether the API server holds the last desired version and status this agent decided. */
  public boolean statusReported() {
    return reporter.acknowledges(reportedVersion, reportedCode);
  }

  /** Whether the API server holds everything the agent wants to report. */
  public boolean reportSynced() {
    return reporter.synced();
  }

  private void onConfigMap(ConfigMap configMap) {
    if (configMap == null) {
      if (configurationPresent) {
        log("device {}: its ConfigMap is gone; the modules keep running", device);
      }
      configurationPresent = false;
      return;
    }
    configurationPresent = true;
    Map<String, String> data = configMap.getData() == null ? Map.of() : configMap.getData();
    String version = data.get(GeneratedObjects.DESIRED_VERSION_KEY);
    if (version == null && configMap.getMetadata().getAnnotations() != null) {
      version =
          configMap.getMetadata().getAnnotations().get(GeneratedObjects.DESIRED_VERSION_ANNOTATION);
    }
    if (version == null) {
      LOG.warn(
          "device {}: ConfigMap {} has no desired version; ignored",
          device,
          configMap.getMetadata().getName());
      return;
    }
    if (version.equals(targetVersion)) {
      return;
    }
    targetVersion = version;
    token.incrementAndGet();
    cancelCredentialTimeout();
    ManifestValidator.Result result =
        ManifestValidator.validate(data.get(GeneratedObjects.MANIFEST_KEY), version);
    if (!result.valid()) {
      pending = null;
      log(
          "device {}: version {} rejected: {} {}",
          device,
          version,
          result.problem().code(),
          result.problem().description());
      report(version, result.problem());
      return;
    }
    pending = options.runEdgeHub() ? result.manifest() : result.manifest().withoutEdgeHub();
    tryApply();
  }

  private void onSecret(Secret secret) {
    secretData = secret == null ? null : decode(secret);
    if (applied != null) {
      List<RegistryCredential> now = credentialsFor(applied, new ArrayList<>());
      if (!now.equals(credentials)) {
        // rotation: the runtime pulls with the new credentials from now on; nothing to report
        credentials = now;
        runtime.registryCredentials(now);
        log("device {}: registry credentials updated", device);
      }
    }
    tryApply();
  }

  private void tryApply() {
    if (pending == null || applying) {
      return;
    }
    List<String> missing = new ArrayList<>();
    List<RegistryCredential> needed = credentialsFor(pending, missing);
    if (!missing.isEmpty()) {
      if (credentialTimeout == null) {
        long waitToken = token.get();
        DeviceManifest waiting = pending;
        credentialTimeout =
            timer.schedule(
                () -> serial.execute(() -> credentialsMissing(waitToken, waiting, missing)),
                options.credentialWait().toMillis(),
                TimeUnit.MILLISECONDS);
      }
      return;
    }
    cancelCredentialTimeout();
    DeviceManifest manifest = pending;
    pending = null;
    applying = true;
    long applyToken = token.get();
    credentials = needed;
    try {
      runtime.registryCredentials(needed);
      ModulePlan plan = ModulePlan.of(manifest, runtime.modules());
      log(
          "device {}: applying version {} ({} to remove, {} to create, {} to start)",
          device,
          manifest.version(),
          plan.remove().size(),
          plan.create().size(),
          plan.startGroups().stream().mapToInt(List::size).sum());
      plan.execute(runtime, manifest.twinsToDeliver(), () -> token.get() != applyToken)
          .whenComplete(
              (problems, error) ->
                  serial.execute(() -> planDone(manifest, applyToken, problems, error)));
    } catch (RuntimeException e) {
      planDone(manifest, applyToken, null, e);
    }
  }

  private void planDone(
      DeviceManifest manifest, long applyToken, Map<String, String> problems, Throwable error) {
    applying = false;
    boolean current = token.get() == applyToken;
    Throwable cause = error == null ? null : ModulePlan.unwrap(error);
    if (!current) {
      log("device {}: version {} superseded while applying", device, manifest.version());
    } else if (cause instanceof RuntimeUnavailableException) {
      report(
          manifest.version(),
          new DesiredStatus(
              DesiredStatus.OFFLINE, "the module runtime is unreachable: " + cause.getMessage()));
      retryLater(applyToken, manifest);
    } else if (cause instanceof ImagePullException pull) {
      // nothing that runs was changed: report, and pull again later
      LOG.warn("device {}: version {}: {}", device, manifest.version(), pull.getMessage());
      report(manifest.version(), new DesiredStatus(DesiredStatus.FAILED, pull.getMessage()));
      retryPullLater(applyToken, manifest);
    } else if (cause != null) {
      // not a module's failure (those are problems, reported per module) but the runtime's
      LOG.error("device {}: applying version {} failed", device, manifest.version(), cause);
      report(
          manifest.version(),
          new DesiredStatus(DesiredStatus.FAILED, "applying failed: " + cause.getMessage()));
      retryLater(applyToken, manifest);
    } else {
      applied = manifest;
      appliedProblems = problems;
      failedPulls = 0;
      DesiredStatus status = ModulePlan.evaluate(manifest, modulesOrEmpty(), problems);
      log(
          "device {}: version {}: {} {}",
          device,
          manifest.version(),
          status.code(),
          status.description());
      report(manifest.version(), status);
    }
    tryApply();
  }

  /** Applies {@code manifest} again after the runtime retry interval, unless superseded. */
  private void retryLater(long applyToken, DeviceManifest manifest) {
    retryLater(applyToken, manifest, options.runtimeRetry().toMillis());
  }

  /**
   * Applies {@code manifest} again after the runtime retry interval doubled with every failed pull
   * in a row (up to 32 times: 10 s to about 5 min by default), unless superseded.
   */
  private void retryPullLater(long applyToken, DeviceManifest manifest) {
    long delay = options.runtimeRetry().toMillis() << Math.min(failedPulls, 5);
    failedPulls++;
    retryLater(applyToken, manifest, delay);
  }

  private void retryLater(long applyToken, DeviceManifest manifest, long delay) {
    timer.schedule(
        () ->
            serial.execute(
                () -> {
                  if (token.get() == applyToken && pending == null && !applying) {
                    pending = manifest;
                    tryApply();
                  }
                }),
        delay,
        TimeUnit.MILLISECONDS);
  }

  private void credentialsMissing(long waitToken, DeviceManifest waiting, List<String> missing) {
    credentialTimeout = null;
    if (token.get() != waitToken || pending != waiting) {
      return;
    }
    List<String> still = new ArrayList<>();
    credentialsFor(waiting, still);
    if (still.isEmpty()) {
      tryApply();
      return;
    }
    report(
        waiting.version(),
        new DesiredStatus(
            DesiredStatus.FAILED,
            "registry credentials "
                + String.join(", ", still)
                + " are not in Secret "
                + registrySecretName()
                + "; waiting for them"));
  }

  private void moduleChanged(ModuleState state) {
    if (!stopped && modulesChangeQueued.compareAndSet(false, true)) {
      serial.execute(
          () -> {
            modulesChangeQueued.set(false);
            onModulesChanged();
          });
    }
  }

  private void onModulesChanged() {
    if (applied != null
        && !applying
        && Objects.equals(lastVersion, applied.version())
        && lastStatus != null
        && lastStatus.code() != DesiredStatus.OFFLINE) {
      Map<String, RuntimeModule> now;
      try {
        now = runtime.modules();
      } catch (RuntimeUnavailableException e) {
        // the runtime went away under an applied version: say so, and apply it again once it is
        // back
        log("device {}: the module runtime is unreachable: {}", device, e.getMessage());
        report(
            applied.version(),
            new DesiredStatus(
                DesiredStatus.OFFLINE, "the module runtime is unreachable: " + e.getMessage()));
        retryLater(token.get(), applied);
        return;
      }
      DesiredStatus status = ModulePlan.evaluate(applied, now, appliedProblems);
      if (!status.equals(lastStatus)) {
        log(
            "device {}: version {}: now {} {}",
            device,
            applied.version(),
            status.code(),
            status.description());
        report(applied.version(), status);
        return;
      }
    }
    publish(false);
  }

  private void report(String version, DesiredStatus status) {
    lastVersion = version;
    lastStatus = status;
    reportedVersion = version;
    reportedCode = status.code();
    publish(true);
  }

  /** Hands the whole reported state to the reporter. */
  private void publish(boolean urgent) {
    ObjectNode doc = options.reported().deepCopy();
    if (lastVersion != null) {
      doc.put("lastDesiredVersion", lastVersion);
      ObjectNode status = doc.putObject("lastDesiredStatus");
      status.put("code", lastStatus.code());
      status.put("description", lastStatus.description());
    }
    try {
      Map<String, RuntimeModule> modules = runtime.modules();
      if (applied != null || !modules.isEmpty()) {
        ObjectNode custom = doc.putObject("modules");
        ObjectNode system = doc.putObject("systemModules");
        system.putObject("edgeAgent").put("runtimeStatus", "running");
        modules.forEach(
            (name, module) ->
                (module.spec().system() ? system : custom).set(name, moduleNode(module)));
      }
    } catch (RuntimeUnavailableException e) {
      // cannot tell what runs: leave the reported modules as they are
    }
    reporter.update(doc, urgent);
  }

  private static ObjectNode moduleNode(RuntimeModule module) {
    ModuleState state = module.state();
    ObjectNode node = JSON.objectNode();
    node.put("runtimeStatus", state.status().text());
    if (state.exitCode() != null) {
      node.put("exitCode", state.exitCode());
    }
    node.put("restartCount", state.restartCount());
    if (state.lastStartTime() != null) {
      node.put("lastStartTimeUtc", utc(state.lastStartTime()));
    }
    if (state.lastExitTime() != null) {
      node.put("lastExitTimeUtc", utc(state.lastExitTime()));
    }
    if (state.message() != null) {
      node.put("statusDescription", state.message());
    }
    node.put("image", state.image());
    if (state.version() != null) {
      node.put("version", state.version());
    }
    return node;
  }

  private static String utc(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MILLIS).toString();
  }

  private Map<String, RuntimeModule> modulesOrEmpty() {
    try {
      return runtime.modules();
    } catch (RuntimeUnavailableException e) {
      return Map.of();
    }
  }

  /** The credentials a manifest needs, from the Secret; names of missing ones go to missing. */
  private List<RegistryCredential> credentialsFor(DeviceManifest manifest, List<String> missing) {
    List<RegistryCredential> result = new ArrayList<>();
    for (DeviceManifest.Registry registry : manifest.registries().values()) {
      String user = secretData == null ? null : secretData.get(registry.usernameKey());
      String password = secretData == null ? null : secretData.get(registry.passwordKey());
      if (user == null || password == null) {
        missing.add(registry.name());
      } else {
        result.add(new RegistryCredential(registry.name(), registry.address(), user, password));
      }
    }
    return result;
  }

  private static Map<String, String> decode(Secret secret) {
    Map<String, String> values = new TreeMap<>();
    if (secret.getData() != null) {
      secret
          .getData()
          .forEach(
              (k, v) -> {
                try {
                  values.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                  // not base64: not a value the operator wrote
                }
              });
    }
    if (secret.getStringData() != null) {
      values.putAll(secret.getStringData());
    }
    return values;
  }

  private void cancelCredentialTimeout() {
    if (credentialTimeout != null) {
      credentialTimeout.cancel(false);
      credentialTimeout = null;
    }
  }

  private void log(String format, Object... args) {
    if (options.logEachDevice()) {
      LOG.info(format, args);
    } else {
      LOG.debug(format, args);
    }
  }
}
