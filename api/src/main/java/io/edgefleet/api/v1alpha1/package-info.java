/** EdgeFleet custom resources, API group {@code edgefleet.io}, version {@code v1alpha1}. */
package io.edgefleet.api.v1alpha1;
