package io.edgefleet.engine.resolve;

import io.edgefleet.engine.route.Route;

/**
 * A route of a deployment, parsed.
 *
 * @param name the route name
 * @param text the route string as written
 * @param priority 0 (highest) to 9, default 0
 * @param timeToLiveSecs time to live, or null for the store-and-forward default
 * @param parsed the parsed route
 */
public record PreparedRoute(
    String name, String text, int priority, Long timeToLiveSecs, Route parsed) {}
