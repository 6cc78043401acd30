package io.edgefleet.agent.runtime.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.HealthState;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import com.github.dockerjava.transport.DockerHttpClient;
import io.edgefleet.agent.runtime.ImagePullException;
import io.edgefleet.agent.runtime.ModuleRecord;
import io.edgefleet.agent.runtime.ModuleRuntime;
import io.edgefleet.agent.runtime.ModuleSpec;
import io.edgefleet.agent.runtime.ModuleState;
import io.edgefleet.agent.runtime.RegistryCredential;
import io.edgefleet.agent.runtime.RestartRules;
import io.edgefleet.agent.runtime.RuntimeModule;
import io.edgefleet.agent.runtime.RuntimeStatus;
import io.edgefleet.agent.runtime.RuntimeUnavailableException;
import io.edgefleet.api.v1alpha1.ImagePullPolicy;
import io.edgefleet.api.v1alpha1.ModuleStatus;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Modules as containers of a Docker (Moby) engine, as edgeAgent runs them: every container carries
 * {@link ContainerLabels} and only labelled containers of this device are ever stopped, removed or
 * restarted; after an agent restart they are adopted as they are. Images are pulled before anything
 * changes ({@link #prepare}). Restart policies are applied here with IoT Edge's backoff ({@link
 * RestartRules}), not by Docker: exits and health changes come from the engine's event stream,
 * which is re-opened (and everything re-read) when it drops. Each module's desired twin properties
 * are a read-only mounted file ({@link TwinFiles}). When the engine cannot be reached every call
 * fails with {@link RuntimeUnavailableException} and nothing is removed.
 *
 * <p>Every Docker call and state change runs on one thread of its own, in order; {@link #modules()}
 * reads a snapshot. Backoff waits run on the given scheduler, so that tests can drive them.
 */
public final class DockerModuleRuntime implements ModuleRuntime {

  private static final Logger LOG = LoggerFactory.getLogger(DockerModuleRuntime.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String namespace;
  private final String device;
  private final DockerSettings settings;
  private final DockerHttpClient http;
  private final DockerClient docker;
  private final TwinFiles twins;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final ExecutorService io;
  private final List<Consumer<ModuleState>> listeners = new CopyOnWriteArrayList<>();
  private volatile List<RegistryCredential> credentials = List.of();
  private volatile Thread ioThread;
  private volatile boolean closed;

  // guarded by this
  private final Map<String, Module> modules = new TreeMap<>();
  private boolean synced;
  private boolean reconnecting;
  private Closeable events;

  /**
   * @param scheduler runs restart backoffs and reconnects (an injected one lets tests drive time)
   * @param clock the time of state changes the engine does not timestamp
   */
  public DockerModuleRuntime(
      String namespace,
      String device,
      DockerSettings settings,
      ScheduledExecutorService scheduler,
      Clock clock) {
    this.namespace = namespace;
    this.device = device;
    this.settings = settings;
    this.scheduler = scheduler;
    this.clock = clock;
    this.twins = new TwinFiles(settings.stateDir().resolve(namespace).resolve(device));
    EngineClient engine = EngineClient.of(settings);
    this.http = engine.http();
    this.docker = engine.docker();
    this.io =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread thread = new Thread(r, "edgefleet-docker-" + device);
              thread.setDaemon(true);
              ioThread = thread;
              return thread;
            });
  }

  /** One module's container and what the agent knows of it. Guarded by the runtime's lock. */
  private static final class Module extends ModuleRecord {
    final String containerId;
    int backoffCount;
    boolean stopRequested;

    Module(ModuleSpec spec, String containerId) {
      super(spec);
      this.containerId = containerId;
    }
  }

  /** The name of a module's container. */
  public String containerName(String module) {
    return settings.containerPrefix() + module;
  }

  /** The file a module's twin is written to, on this machine. */
  public Path twinFile(String module) {
    return twins.file(module);
  }

  @Override
  public void registryCredentials(Collection<RegistryCredential> newCredentials) {
    this.credentials = List.copyOf(newCredentials);
  }

  @Override
  public CompletionStage<Void> prepare(Collection<ModuleSpec> specs) {
    List<ModuleSpec> copy = List.copyOf(specs);
    return submit(
        () -> {
          List<String> failures = new ArrayList<>();
          for (ModuleSpec spec : copy) {
            String failure = ensureImage(spec);
            if (failure != null) {
              failures.add(failure);
            }
          }
          if (!failures.isEmpty()) {
            throw new ImagePullException(String.join("; ", failures));
          }
          return null;
        });
  }

  @Override
  public CompletionStage<ModuleState> create(ModuleSpec spec) {
    return submit(
        () -> {
          // the event stream is open (and adopted containers known) before anything is created
          resync();
          synchronized (this) {
            if (modules.containsKey(spec.name())) {
              throw new IllegalStateException("module " + spec.name() + " exists");
            }
          }
          String failure = ensureImage(spec);
          if (failure != null) {
            throw new ImagePullException(failure);
          }
          twins.prepare(spec.name());
          twins.markStopped(spec.name(), false);
          String id = createContainer(spec);
          Module module = new Module(spec, id);
          synchronized (this) {
            modules.put(spec.name(), module);
            return module.state();
          }
        });
  }

  @Override
  public CompletionStage<ModuleState> start(String name) {
    return submit(
        () -> {
          resync();
          Module module = module(name);
          synchronized (this) {
            module.epoch++;
            module.stopRequested = false;
          }
          twins.markStopped(name, false);
          return startContainer(module, false);
        });
  }

  @Override
  public CompletionStage<ModuleState> stop(String name) {
    return submit(
        () -> {
          Module module = module(name);
          synchronized (this) {
            module.epoch++;
            module.stopRequested = true;
          }
          twins.markStopped(name, true);
          try {
            docker
                .stopContainerCmd(module.containerId)
                .withTimeout((int) settings.stopTimeout().toSeconds())
                .exec();
          } catch (NotModifiedException e) {
            // not running
          }
          InspectContainerResponse inspected = inspect(module.containerId);
          ModuleState state;
          synchronized (this) {
            module.status = RuntimeStatus.STOPPED;
            module.message = null;
            if (inspected != null) {
              readExit(module, inspected);
            }
            state = module.state();
          }
          notifyListeners(state);
          return state;
        });
  }

  @Override
  public CompletionStage<Void> remove(String name) {
    return submit(
        () -> {
          Module module;
          synchronized (this) {
            module = modules.get(name);
            if (module == null) {
              return null;
            }
            module.epoch++;
            module.stopRequested = true;
          }
          try {
            docker
                .stopContainerCmd(module.containerId)
                .withTimeout((int) settings.stopTimeout().toSeconds())
                .exec();
          } catch (NotModifiedException | NotFoundException e) {
            // not running, or gone
          }
          try {
            docker.removeContainerCmd(module.containerId).withForce(true).exec();
          } catch (NotFoundException e) {
            // gone already
          }
          synchronized (this) {
            modules.remove(name);
          }
          twins.delete(name);
          LOG.info("device {}: removed module {}", device, name);
          return null;
        });
  }

  @Override
  public Map<String, RuntimeModule> modules() {
    boolean needSync;
    synchronized (this) {
      needSync = !synced;
    }
    if (needSync) {
      await(submit(this::resync));
    }
    synchronized (this) {
      Map<String, RuntimeModule> result = new TreeMap<>();
      modules.forEach((name, m) -> result.put(name, new RuntimeModule(m.spec, m.state())));
      return result;
    }
  }

  @Override
  public void addListener(Consumer<ModuleState> listener) {
    listeners.add(listener);
  }

  @Override
  public void removeListener(Consumer<ModuleState> listener) {
    listeners.remove(listener);
  }

  @Override
  public void desiredProperties(String module, JsonNode desired) {
    if (desired == null) {
      return;
    }
    JsonNode copy = desired.deepCopy();
    io.execute(
        () -> {
          try {
            if (twins.write(module, copy)) {
              LOG.info("device {}: module {}'s twin file updated", device, module);
            }
          } catch (RuntimeException e) {
            LOG.warn(
                "device {}: cannot write module {}'s twin file: {}",
                device,
                module,
                e.getMessage());
          }
        });
  }

  /** Stops watching the engine; the containers keep running (they outlive their agent). */
  @Override
  public void close() {
    closed = true;
    synchronized (this) {
      closeEvents();
    }
    io.shutdownNow();
    try {
      docker.close();
    } catch (IOException e) {
      LOG.debug("closing the Docker client", e);
    }
  }

  // --- on the io thread ---

  /** Re-reads every labelled container of the device and (re)opens the event stream. */
  private Void resync() {
    synchronized (this) {
      if (synced) {
        return null;
      }
    }
    // the engine answers before the event stream is opened (no stream to a dead engine), and the
    // stream is open before the containers are listed (no exit missed in between)
    docker.pingCmd().exec();
    openEvents();
    List<Container> containers =
        docker
            .listContainersCmd()
            .withShowAll(true)
            .withLabelFilter(ContainerLabels.ofDevice(namespace, device))
            .exec();
    Map<String, InspectContainerResponse> found = new LinkedHashMap<>();
    for (Container container : containers) {
      InspectContainerResponse inspected = inspect(container.getId());
      if (inspected != null) {
        found.put(container.getId(), inspected);
      }
    }
    List<ModuleState> changed = new ArrayList<>();
    List<Module> exitedMeanwhile = new ArrayList<>();
    List<Module> unhealthy = new ArrayList<>();
    synchronized (this) {
      Map<String, Module> byId = new LinkedHashMap<>();
      modules.values().forEach(m -> byId.put(m.containerId, m));
      for (Module known : List.copyOf(modules.values())) {
        if (!found.containsKey(known.containerId)) {
          // removed behind the agent's back: it is not there any more
          modules.remove(known.spec.name());
          LOG.warn("device {}: module {}'s container is gone", device, known.spec.name());
        }
      }
      for (Map.Entry<String, InspectContainerResponse> entry : found.entrySet()) {
        InspectContainerResponse inspected = entry.getValue();
        Module module = byId.get(entry.getKey());
        if (module == null) {
          ModuleSpec spec =
              ContainerLabels.specOf(inspected.getConfig().getLabels(), namespace, device);
          if (spec == null || modules.containsKey(spec.name())) {
            continue;
          }
          module = new Module(spec, entry.getKey());
          module.stopRequested = twins.stopped(spec.name());
          modules.put(spec.name(), module);
          LOG.info("device {}: adopted module {} ({})", device, spec.name(), shortId(module));
        }
        boolean running = Boolean.TRUE.equals(inspected.getState().getRunning());
        Instant started = time(inspected.getState().getStartedAt());
        if (started != null) {
          module.lastStart = started;
        }
        if (running) {
          module.status = RuntimeStatus.RUNNING;
          module.message = null;
          HealthState health = inspected.getState().getHealth();
          if (health != null && "unhealthy".equals(health.getStatus())) {
            // its health_status event may have come before the stream was open
            unhealthy.add(module);
          }
        } else {
          readExit(module, inspected);
          boolean wasUp =
              module.status == RuntimeStatus.RUNNING || module.status == RuntimeStatus.UNKNOWN;
          boolean adoptedAfterRun =
              module.status == RuntimeStatus.STOPPED
                  && module.lastStart != null
                  && module.spec.desiredStatus() == ModuleStatus.RUNNING;
          if (!module.stopRequested && (wasUp || adoptedAfterRun)) {
            exitedMeanwhile.add(module);
          } else if (module.status != RuntimeStatus.BACKOFF) {
            module.status = statusAfterExit(module);
          }
        }
        changed.add(module.state());
      }
      synced = true;
    }
    for (Module module : exitedMeanwhile) {
      exited(module);
    }
    for (Module module : unhealthy) {
      onUnhealthy(module);
    }
    changed.forEach(this::notifyListeners);
    return null;
  }

  private void openEvents() {
    synchronized (this) {
      if (events != null) {
        return;
      }
    }
    ResultCallback.Adapter<Event> stream =
        new ResultCallback.Adapter<>() {
          @Override
          public void onNext(Event event) {
            submitQuietly(() -> onEvent(event));
          }

          @Override
          public void onError(Throwable error) {
            streamDropped(this, error);
          }

          @Override
          public void onComplete() {
            streamDropped(this, null);
          }
        };
    synchronized (this) {
      // before exec: the stream may fail before exec returns
      events = stream;
    }
    docker
        .eventsCmd()
        .withEventTypeFilter(EventType.CONTAINER)
        .withLabelFilter(ContainerLabels.ofDevice(namespace, device))
        .exec(stream);
  }

  private void streamDropped(Closeable stream, Throwable error) {
    if (closed) {
      return;
    }
    List<ModuleState> unknown = new ArrayList<>();
    synchronized (this) {
      if (events != stream) {
        return;
      }
      events = null;
      synced = false;
      for (Module module : modules.values()) {
        if (module.status == RuntimeStatus.RUNNING) {
          module.status = RuntimeStatus.UNKNOWN;
          module.message = "the Docker engine is unreachable";
        }
        unknown.add(module.state());
      }
    }
    LOG.warn(
        "device {}: the Docker engine's event stream dropped{}; reconnecting",
        device,
        error == null ? "" : ": " + error);
    unknown.forEach(this::notifyListeners);
    scheduleReconnect();
  }

  /** Tries to re-read the engine after the reconnect wait, again and again until it answers. */
  private void scheduleReconnect() {
    synchronized (this) {
      if (closed || reconnecting) {
        return;
      }
      reconnecting = true;
    }
    later(
        () -> {
          synchronized (this) {
            reconnecting = false;
          }
          try {
            boolean wasSynced;
            synchronized (this) {
              wasSynced = synced;
            }
            resync();
            if (!wasSynced) {
              LOG.info("device {}: reconnected to the Docker engine", device);
            }
          } catch (RuntimeException e) {
            synchronized (this) {
              closeEvents();
              synced = false;
            }
            LOG.debug("device {}: the Docker engine is still unreachable", device, e);
            scheduleReconnect();
          }
        },
        settings.reconnect());
  }

  private void onEvent(Event event) {
    String action = event.getAction() == null ? event.getStatus() : event.getAction();
    String id = event.getId() != null ? event.getId() : event.getActor().getId();
    if (action == null || id == null) {
      return;
    }
    Module module;
    synchronized (this) {
      module =
          modules.values().stream().filter(m -> m.containerId.equals(id)).findFirst().orElse(null);
    }
    if (module == null) {
      return;
    }
    if (action.equals("die")) {
      onDie(module);
    } else if (action.startsWith("health_status") && action.contains("unhealthy")) {
      onUnhealthy(module);
    }
  }

  private void onDie(Module module) {
    InspectContainerResponse inspected = inspect(module.containerId);
    synchronized (this) {
      if (modules.get(module.spec.name()) != module
          || module.stopRequested
          || module.status != RuntimeStatus.RUNNING
          || inspected == null
          || Boolean.TRUE.equals(inspected.getState().getRunning())) {
        return;
      }
      readExit(module, inspected);
    }
    exited(module);
  }

  private void onUnhealthy(Module module) {
    synchronized (this) {
      if (modules.get(module.spec.name()) != module
          || module.stopRequested
          || module.status != RuntimeStatus.RUNNING
          || !RestartRules.restartsWhenUnhealthy(module.spec.restartPolicy())) {
        return;
      }
      module.epoch++;
      module.restarts++;
      module.message = "restarted: its health check reported unhealthy";
    }
    LOG.info("device {}: module {} is unhealthy; restarting it", device, module.spec.name());
    try {
      docker
          .restartContainerCmd(module.containerId)
          .withTimeout((int) settings.stopTimeout().toSeconds())
          .exec();
    } catch (DockerException e) {
      LOG.warn(
          "device {}: restarting module {} failed: {}", device, module.spec.name(), e.getMessage());
    }
    InspectContainerResponse inspected = inspect(module.containerId);
    ModuleState state;
    synchronized (this) {
      if (inspected != null) {
        module.lastStart = time(inspected.getState().getStartedAt());
      }
      state = module.state();
    }
    notifyListeners(state);
  }

  /** Applies the restart policy to a module whose container exited (exit already read). */
  private void exited(Module module) {
    ModuleState state;
    synchronized (this) {
      int code = module.exitCode == null ? 0 : module.exitCode;
      Duration uptime =
          module.lastStart != null && module.lastExit != null
              ? Duration.between(module.lastStart, module.lastExit)
              : null;
      module.backoffCount = settings.restarts().backoffCountAfter(module.backoffCount, uptime);
      if (RestartRules.restartsAfterExit(module.spec.restartPolicy(), code)) {
        Duration delay = settings.restarts().delay(module.backoffCount);
        module.status = RuntimeStatus.BACKOFF;
        module.message = "exited with code " + code + "; restarting under its restart policy";
        long epoch = ++module.epoch;
        later(() -> restartNow(module, epoch), delay);
      } else {
        module.epoch++;
        module.status = statusAfterExit(module);
        module.message = "exited with code " + code;
      }
      state = module.state();
    }
    LOG.info(
        "device {}: module {} exited with code {}: {}",
        device,
        module.spec.name(),
        state.exitCode(),
        state.status().text());
    notifyListeners(state);
  }

  private void restartNow(Module module, long epoch) {
    synchronized (this) {
      if (module.epoch != epoch || modules.get(module.spec.name()) != module) {
        return;
      }
      module.restarts++;
      module.backoffCount++;
    }
    try {
      startContainer(module, true);
    } catch (RuntimeException e) {
      // the engine did not answer (or not sensibly): try again after the reconnect wait, uncounted
      LOG.debug("device {}: cannot restart module {} now", device, module.spec.name(), e);
      synchronized (this) {
        if (module.epoch != epoch || modules.get(module.spec.name()) != module) {
          return;
        }
        module.restarts--;
        module.backoffCount--;
        module.status = RuntimeStatus.BACKOFF;
      }
      later(() -> restartNow(module, epoch), settings.reconnect());
    }
  }

  /** Starts a module's container; a start that fails is an exit under its restart policy. */
  private ModuleState startContainer(Module module, boolean restart) {
    try {
      docker.startContainerCmd(module.containerId).exec();
    } catch (NotModifiedException e) {
      // running already
    } catch (RuntimeException e) {
      if (unreachable(e)) {
        throw unavailable(e);
      }
      InspectContainerResponse inspected = inspect(module.containerId);
      synchronized (this) {
        if (inspected != null) {
          readExit(module, inspected);
        }
        if (module.exitCode == null || module.exitCode == 0) {
          module.exitCode = 128;
        }
        module.lastExit = module.lastExit == null ? clock.instant() : module.lastExit;
      }
      exited(module);
      synchronized (this) {
        module.message = "failed to start: " + dockerMessage(e);
        return module.state();
      }
    }
    InspectContainerResponse inspected = inspect(module.containerId);
    ModuleState state;
    synchronized (this) {
      boolean running = inspected != null && Boolean.TRUE.equals(inspected.getState().getRunning());
      Instant started = inspected == null ? null : time(inspected.getState().getStartedAt());
      module.lastStart = started != null ? started : clock.instant();
      module.status = RuntimeStatus.RUNNING;
      module.message = null;
      if (!running && inspected != null) {
        // it exited already: its die event decides what happens next
        readExit(module, inspected);
      }
      state = module.state();
    }
    if (restart) {
      LOG.info("device {}: module {} restarted", device, module.spec.name());
    }
    notifyListeners(state);
    return state;
  }

  /** Pulls a module's image when needed and missing; returns why it cannot be had, or null. */
  private String ensureImage(ModuleSpec spec) {
    if (imagePresent(spec.image())) {
      return null;
    }
    if (spec.imagePullPolicy() == ImagePullPolicy.NEVER) {
      return "image "
          + spec.image()
          + " (module "
          + spec.name()
          + ") is not on the device and its imagePullPolicy is never";
    }
    ImageReference reference = ImageReference.parse(spec.image());
    RegistryCredential credential =
        credentials.stream().filter(c -> c.covers(spec.image())).findFirst().orElse(null);
    try {
      String failure = pull(reference, credential);
      if (failure == null) {
        LOG.info(
            "device {}: pulled {}{}",
            device,
            spec.image(),
            credential == null ? "" : " with the credentials of " + credential.name());
        return null;
      }
      return "image "
          + spec.image()
          + " could not be pulled from "
          + reference.registry()
          + (credential == null ? " (no credentials)" : " (credentials " + credential.name() + ")")
          + ": "
          + failure;
    } catch (IOException | RuntimeException e) {
      if (unreachable(e)) {
        throw unavailable(e);
      }
      throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
  }

  /**
   * Pulls an image through the engine's API ({@code POST /images/create}), reading its progress to
   * the end; returns the engine's or registry's answer when the pull failed, else null.
   */
  private String pull(ImageReference reference, RegistryCredential credential) throws IOException {
    String path =
        "/images/create?fromImage="
            + URLEncoder.encode(reference.repository(), StandardCharsets.UTF_8)
            + "&tag="
            + URLEncoder.encode(reference.tag(), StandardCharsets.UTF_8);
    DockerHttpClient.Request.Builder request =
        DockerHttpClient.Request.builder()
            .method(DockerHttpClient.Request.Method.POST)
            .path(path)
            .body(new ByteArrayInputStream(new byte[0]));
    if (credential != null) {
      ObjectNode auth = JSON.createObjectNode();
      auth.put("username", credential.username());
      auth.put("password", credential.password());
      auth.put("serveraddress", credential.address());
      request.putHeader(
          "X-Registry-Auth", Base64.getUrlEncoder().encodeToString(JSON.writeValueAsBytes(auth)));
    }
    try (DockerHttpClient.Response response = http.execute(request.build())) {
      String body = readBody(response.getBody());
      if (response.getStatusCode() >= 300) {
        return message(body);
      }
      // a stream of JSON progress objects; a failure is one with "error"
      String error = null;
      for (String line : body.split("\\r?\\n")) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode item = JSON.readTree(line);
        if (item.hasNonNull("error")) {
          error = item.path("errorDetail").path("message").asText(item.get("error").asText());
        }
      }
      return error;
    }
  }

  private static String message(String body) {
    try {
      return JSON.readTree(body).path("message").asText(body.strip());
    } catch (IOException e) {
      return body.strip();
    }
  }

  private boolean imagePresent(String image) {
    try {
      docker.inspectImageCmd(image).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  /**
   * Creates a module's container from its createOptions (Docker's create-container JSON, passed to
   * the engine as it is), adding the image, the manifest's env, the twin file and the labels.
   */
  private String createContainer(ModuleSpec spec) throws IOException {
    ObjectNode body =
        spec.createOptions() == null || spec.createOptions().isBlank()
            ? JSON.createObjectNode()
            : (ObjectNode) JSON.readTree(spec.createOptions());
    body.put("Image", spec.image());

    Map<String, String> env = new LinkedHashMap<>();
    JsonNode given = body.get("Env");
    if (given != null && given.isArray()) {
      for (JsonNode entry : given) {
        String text = entry.asText();
        int eq = text.indexOf('=');
        env.put(eq < 0 ? text : text.substring(0, eq), eq < 0 ? null : text.substring(eq + 1));
      }
    }
    env.putAll(spec.env());
    env.put("EDGEFLEET_TWIN_FILE", TwinFiles.CONTAINER_FILE);
    env.put("IOTEDGE_MODULEID", spec.name());
    env.put("IOTEDGE_DEVICEID", device);
    ArrayNode envArray = body.putArray("Env");
    env.forEach((k, v) -> envArray.add(v == null ? k : k + "=" + v));

    ObjectNode labels =
        body.get("Labels") instanceof ObjectNode existing ? existing : body.putObject("Labels");
    ContainerLabels.of(namespace, device, spec).forEach(labels::put);

    ObjectNode hostConfig =
        body.get("HostConfig") instanceof ObjectNode existing
            ? existing
            : body.putObject("HostConfig");
    ArrayNode binds =
        hostConfig.get("Binds") instanceof ArrayNode existing
            ? existing
            : hostConfig.putArray("Binds");
    binds.add(twins.folder(spec.name()).toAbsolutePath() + ":" + TwinFiles.MOUNT_POINT + ":ro");
    // restarts are the agent's (IoT Edge's policies and backoff), never Docker's
    hostConfig.putObject("RestartPolicy").put("Name", "no");

    String name = containerName(spec.name());
    DockerHttpClient.Request request =
        DockerHttpClient.Request.builder()
            .method(DockerHttpClient.Request.Method.POST)
            .path("/containers/create?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8))
            .putHeader("Content-Type", "application/json")
            .body(new ByteArrayInputStream(JSON.writeValueAsBytes(body)))
            .build();
    try (DockerHttpClient.Response response = http.execute(request)) {
      String answer = readBody(response.getBody());
      int status = response.getStatusCode();
      if (status == 201) {
        String id = JSON.readTree(answer).path("Id").asText();
        LOG.info("device {}: created module {} ({})", device, spec.name(), id.substring(0, 12));
        return id;
      }
      String message = JSON.readTree(answer).path("message").asText(answer);
      if (status == 409) {
        throw new IllegalStateException(
            "a container named "
                + name
                + " already exists and is not this agent's (it has no EdgeFleet labels); it is"
                + " left alone: "
                + message);
      }
      throw new IllegalStateException("creating container " + name + " failed: " + message);
    } catch (RuntimeException e) {
      if (unreachable(e)) {
        throw unavailable(e);
      }
      throw e;
    }
  }

  private InspectContainerResponse inspect(String id) {
    try {
      return docker.inspectContainerCmd(id).exec();
    } catch (NotFoundException e) {
      return null;
    }
  }

  private static void readExit(Module module, InspectContainerResponse inspected) {
    InspectContainerResponse.ContainerState state = inspected.getState();
    Instant finished = time(state.getFinishedAt());
    if (finished != null) {
      module.lastExit = finished;
      module.exitCode = state.getExitCodeLong() == null ? null : state.getExitCodeLong().intValue();
    }
    HealthState health = state.getHealth();
    if (health != null && "unhealthy".equals(health.getStatus()) && module.message == null) {
      module.message = "its health check reports unhealthy";
    }
  }

  private static RuntimeStatus statusAfterExit(Module module) {
    if (module.stopRequested || module.lastStart == null) {
      return RuntimeStatus.STOPPED;
    }
    return module.exitCode == null || module.exitCode == 0
        ? RuntimeStatus.STOPPED
        : RuntimeStatus.FAILED;
  }

  /** Docker's zero time ({@code 0001-01-01T00:00:00Z}) and unreadable times are null. */
  private static Instant time(String text) {
    if (text == null || text.startsWith("0001-")) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private Module module(String name) {
    synchronized (this) {
      Module module = modules.get(name);
      if (module == null) {
        throw new IllegalStateException("no module " + name);
      }
      return module;
    }
  }

  // --- plumbing ---

  private <T> CompletionStage<T> submit(Callable<T> task) {
    CompletableFuture<T> result = new CompletableFuture<>();
    try {
      io.execute(
          () -> {
            try {
              result.complete(task.call());
            } catch (Exception e) {
              result.completeExceptionally(translate(e));
            }
          });
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(new RuntimeUnavailableException("the Docker runtime is closed"));
    }
    return result;
  }

  /** Runs {@code task} on the engine's thread after {@code delay}; nothing once closed. */
  private void later(Runnable task, Duration delay) {
    try {
      scheduler.schedule(() -> submitQuietly(task), delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // the scheduler was shut down with the agent: nothing more to run
    }
  }

  private void submitQuietly(Runnable task) {
    if (closed) {
      return;
    }
    try {
      io.execute(
          () -> {
            try {
              task.run();
            } catch (RuntimeException e) {
              if (unreachable(e)) {
                LOG.debug("device {}: the Docker engine is unreachable", device, e);
              } else {
                LOG.warn("device {}: {}", device, e.toString());
              }
            }
          });
    } catch (RejectedExecutionException e) {
      // closed
    }
  }

  private <T> T await(CompletionStage<T> stage) {
    if (Thread.currentThread() == ioThread) {
      throw new IllegalStateException("modules() called on the Docker runtime's own thread");
    }
    try {
      return stage.toCompletableFuture().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RuntimeUnavailableException("interrupted while reading the Docker engine", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private Throwable translate(Exception e) {
    if (e instanceof RuntimeUnavailableException || e instanceof ImagePullException) {
      return e;
    }
    if (unreachable(e)) {
      synchronized (this) {
        synced = false;
      }
      return unavailable(e);
    }
    if (e instanceof DockerException docker) {
      return new IllegalStateException(dockerMessage(docker), e);
    }
    return e;
  }

  private RuntimeUnavailableException unavailable(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return new RuntimeUnavailableException(
        "cannot reach the Docker engine at " + settings.dockerHost() + ": " + root, e);
  }

  /** Whether a failure means the engine cannot be reached (not an answer from it). */
  static boolean unreachable(Throwable e) {
    if (e instanceof RuntimeUnavailableException) {
      return true;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof DockerException) {
        return false;
      }
      if (t instanceof IOException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /** The engine's own message, without docker-java's "Status 500: {...}" wrapping. */
  static String dockerMessage(Throwable e) {
    String text = e.getMessage() == null ? e.toString() : e.getMessage();
    int brace = text.indexOf('{');
    if (brace >= 0) {
      try {
        JsonNode json = JSON.readTree(text.substring(brace));
        if (json.hasNonNull("message")) {
          return json.get("message").asText();
        }
      } catch (IOException | RuntimeException ignored) {
        // not JSON: keep the text
      }
    }
    return text.strip();
  }

  private static String readBody(InputStream body) throws IOException {
    return body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8);
  }

  private void notifyListeners(ModuleState state) {
    for (Consumer<ModuleState> listener : listeners) {
      try {
        listener.accept(state);
      } catch (RuntimeException e) {
        LOG.warn("a module runtime listener failed", e);
      }
    }
  }

  private void closeEvents() {
    if (events != null) {
      try {
        events.close();
      } catch (IOException e) {
        LOG.debug("closing the event stream", e);
      }
      events = null;
    }
  }

  private static String shortId(Module module) {
    return module.containerId.length() > 12
        ? module.containerId.substring(0, 12)
        : module.containerId;
  }
}
