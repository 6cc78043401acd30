package io.edgefleet.engine.resolve;

import io.edgefleet.engine.query.Truth;

/**
 * How one deployment was considered for a device.
 *
 * @param deployment the deployment's name
 * @param layered whether it is layered
 * @param priority its priority
 * @param valid whether its spec is valid
 * @param matched what its target condition gave (UNDEFINED for an invalid condition)
 * @param applied whether it is part of the device's configuration
 * @param reason why it was applied or not, in words
 * @param parameterError the placeholders of this deployment that have no usable value on the device
 *     (docs/concepts.md section 8), in words; null when there are none
 */
public record Consideration(
    String deployment,
    boolean layered,
    int priority,
    boolean valid,
    Truth matched,
    boolean applied,
    String reason,
    String parameterError) {}
