package io.edgefleet.cli.azure;

import picocli.CommandLine.Command;

/** {@code edgefleet export}: deployments and device configurations in Azure's format. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    subcommands = {ExportDeploymentCommand.class, ExportDeviceCommand.class},
    description =
        "Writes Azure IoT Edge JSON: a deployment as an Azure configuration object, or a device's"
            + " resolved configuration as the modulesContent 'az iot edge set-modules' accepts.")
public final class ExportCommand {}
