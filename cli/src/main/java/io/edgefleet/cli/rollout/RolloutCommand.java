package io.edgefleet.cli.rollout;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code edgefleet rollout}: follow, pause, resume and undo a deployment's rollout. */
@Command(
    name = "rollout",
    mixinStandardHelpOptions = true,
    subcommands = {
      RolloutStatusCommand.class,
      RolloutPauseCommand.class,
      RolloutResumeCommand.class,
      RolloutUndoCommand.class,
      RolloutHistoryCommand.class
    },
    description = {
      "Manages the rollout of an EdgeDeployment (spec.rollout, docs/rollouts.md) in the cluster of"
          + " the current kubeconfig, as kubectl rollout does for a Deployment.",
      "DEPLOYMENT is NAME or edep/NAME. Also a kubectl plugin: kubectl edgefleet rollout ..."
    })
public final class RolloutCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "a subcommand is needed: status, pause, resume, undo or history");
  }
}
