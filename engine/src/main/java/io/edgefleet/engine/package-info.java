/** EdgeFleet's pure decision logic: no Kubernetes client, no clock, no I/O. */
package io.edgefleet.engine;
