package io.edgefleet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.edgefleet.api.serialization.EdgeDeploymentDeserializer;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * An IoT Edge automatic deployment: modules, routes and module twin settings for every device of
 * the namespace that its target condition matches.
 */
@JsonDeserialize(using = EdgeDeploymentDeserializer.class)
@Group(EdgeFleetApi.GROUP)
@Version(EdgeFleetApi.VERSION)
@ShortNames("edep")
@Categories(EdgeFleetApi.CATEGORY)
@JsonClassDescription(
    "An IoT Edge automatic deployment: modules, routes and module twin settings applied to every"
        + " device of the namespace whose twin matches spec.targetCondition. Standard deployments"
        + " carry the runtime and one applies per device (highest priority); layered deployments"
        + " stack on top of it.")
@ValidationRule(
    value = "size(self.metadata.name) <= 128",
    message = "an EdgeDeployment name must be at most 128 characters")
@AdditionalPrinterColumn(
    name = "Layered",
    jsonPath = ".spec.layered",
    type = AdditionalPrinterColumn.Type.BOOLEAN)
@AdditionalPrinterColumn(
    name = "Priority",
    jsonPath = ".spec.priority",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Target",
    jsonPath = ".spec.targetCondition",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Targeted",
    jsonPath = ".status.targetedCount",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Applied",
    jsonPath = ".status.appliedCount",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Pending",
    jsonPath = ".status.pendingCount",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Succeeded",
    jsonPath = ".status.reportedSuccessfulCount",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Failed",
    jsonPath = ".status.reportedFailedCount",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class EdgeDeployment extends CustomResource<EdgeDeploymentSpec, EdgeDeploymentStatus>
    implements Namespaced {}
