package io.mycelium.cli.fabric;

import io.mycelium.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code mesh fabric}: the group. */
@Command(name = "fabric",
        header = "Membership and replicated state: simulate the gossip, run a bare member, make a cluster key.",
        synopsisSubcommandLabel = "COMMAND",
        commandListHeading = "%nCommands:%n")
public final class FabricCommand extends CommandGroup {
}
