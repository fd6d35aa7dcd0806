package io.mycelium.cli.instance;

import io.mycelium.cli.CliContext;
import picocli.CommandLine.Command;

/** {@code mesh instance stop ID --key K}. */
@Command(name = "stop",
        header = "Stop an instance; its slot is placed again, so a fresh instance replaces it.",
        description = {"", "The agent that runs it drains it (endpoint DRAINING, TERM, KILL after the grace period). The plan "
                + "still wants the slot, so the agents start a new instance for it: use this for a wedged instance. "
                + "To run fewer instances, scale the plan instead (mesh plan apply --app APP --instances N)."},
        footerHeading = "%nExamples:%n",
        footer = {"  mesh instance stop billing-1-3f2a --key keys/operator.key"})
public final class InstanceStopCommand extends InstanceActionCommand {
    public InstanceStopCommand(CliContext ctx) {
        super(ctx, "stop");
    }
}
