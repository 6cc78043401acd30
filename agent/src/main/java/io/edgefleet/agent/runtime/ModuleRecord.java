package io.edgefleet.agent.runtime;

import java.time.Instant;

/**
 * What a runtime keeps about one module it runs: the spec it was created from and how it is doing.
 * Each runtime extends it with what only it needs, and guards it with its own lock.
 */
public class ModuleRecord {
  /** What the module was created from. */
  public final ModuleSpec spec;

  /** How it is doing now. */
  public RuntimeStatus status = RuntimeStatus.STOPPED;

  /** The exit code of its last run, or null before it first exits. */
  public Integer exitCode;

  /** How many times the runtime restarted it. */
  public int restarts;

  /** When it last started, or null before it first starts. */
  public Instant lastStart;

  /** When it last exited, or null before it first exits. */
  public Instant lastExit;

  /** Why it is in its status, for people (null when there is nothing to say). */
  public String message;

  /**
   * Bumped by every change of plan (start, stop, restart, removal): a delayed action that finds
   * another epoch than the one it was scheduled with does nothing.
   */
  public long epoch;

  protected ModuleRecord(ModuleSpec spec) {
    this.spec = spec;
  }

  /** Its state as the agent reports it. */
  public ModuleState state() {
    return new ModuleState(
        spec.name(),
        spec.image(),
        spec.version(),
        status,
        exitCode,
        restarts,
        lastStart,
        lastExit,
        message);
  }
}
