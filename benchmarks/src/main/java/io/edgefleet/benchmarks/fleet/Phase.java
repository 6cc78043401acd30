package io.edgefleet.benchmarks.fleet;

import io.edgefleet.sandbox.RequestCounts;

/**
 * One measured step: how long it took and which writes the API server received meanwhile.
 *
 * @param name what was done
 * @param seconds wall time until the expected writes had all arrived
 * @param writes the requests counted at the server during the step
 */
public record Phase(String name, double seconds, RequestCounts writes) {}
