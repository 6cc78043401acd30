/**
 * Per-device parameters: placeholders such as {@code ${tags.room}} in module images, env values,
 * createOptions and module twin values, parsed once ({@link io.edgefleet.engine.param.Template})
 * and filled in per device ({@link io.edgefleet.engine.param.ParameterValues}). See the "Per-device
 * parameters" section of {@code docs/concepts.md}.
 */
package io.edgefleet.engine.param;
