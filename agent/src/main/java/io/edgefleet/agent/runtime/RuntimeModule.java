package io.edgefleet.agent.runtime;

/**
 * A module the runtime has: what it was created from and its state now.
 *
 * @param spec the spec given to {@link ModuleRuntime#create}
 * @param state its state
 */
public record RuntimeModule(ModuleSpec spec, ModuleState state) {}
