package io.edgefleet.engine.resolve;

/**
 * Something odd about a resolved configuration that does not stop it being applied.
 *
 * @param deployment the deployment whose content the warning is about
 * @param message what is odd, in words a person can act on
 */
public record ConfigurationWarning(String deployment, String message) {}
