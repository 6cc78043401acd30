package io.edgefleet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.edgefleet.api.serialization.EdgeDeviceDeserializer;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A device twin: tags written by people, reported properties written by the device's agent, and the
 * operator's account of what the device runs. {@code metadata.name} is the device id.
 */
@JsonDeserialize(using = EdgeDeviceDeserializer.class)
@Group(EdgeFleetApi.GROUP)
@Version(EdgeFleetApi.VERSION)
@ShortNames("edev")
@Categories(EdgeFleetApi.CATEGORY)
@JsonClassDescription(
    "An IoT Edge device twin. metadata.name is the device id; spec.tags are written by people,"
        + " status.reported by the device's agent, the rest of status by the operator.")
@AdditionalPrinterColumn(
    name = "Base",
    jsonPath = ".status.baseDeployment",
    type = AdditionalPrinterColumn.Type.STRING,
    getDescription = "The standard deployment the device runs")
@AdditionalPrinterColumn(
    name = "Layers",
    jsonPath = ".status.layers",
    type = AdditionalPrinterColumn.Type.STRING,
    getDescription = "Layered deployments applied on top of the base, lowest first")
@AdditionalPrinterColumn(
    name = "Sync",
    jsonPath = ".status.syncState",
    type = AdditionalPrinterColumn.Type.STRING,
    getDescription =
        "InSync, Pending, Failed, Frozen, Waiting or NotManaged: whether the device runs what it"
            + " should")
@AdditionalPrinterColumn(
    name = "Desired",
    jsonPath = ".status.desiredVersion",
    type = AdditionalPrinterColumn.Type.STRING,
    getDescription = "The version (content hash) the device should run")
@AdditionalPrinterColumn(
    name = "Reported",
    jsonPath = ".status.reported.lastDesiredVersion",
    type = AdditionalPrinterColumn.Type.STRING,
    getDescription = "The version the device's agent last reported")
@AdditionalPrinterColumn(
    name = "Code",
    jsonPath = ".status.reported.lastDesiredStatus.code",
    type = AdditionalPrinterColumn.Type.INTEGER,
    getDescription = "The status code the agent reported for that version (200 = running)")
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class EdgeDevice extends CustomResource<EdgeDeviceSpec, EdgeDeviceStatus>
    implements Namespaced {}
