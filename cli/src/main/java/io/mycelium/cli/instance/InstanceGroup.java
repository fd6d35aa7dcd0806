package io.mycelium.cli.instance;

import io.mycelium.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code mesh instance}: act on one instance. */
@Command(name = "instance", header = "Stop or restart one instance, signed with an operator key.",
        synopsisSubcommandLabel = "COMMAND", commandListHeading = "%nCommands:%n",
        footerHeading = "%nExamples:%n",
        footer = {"  mesh instance restart billing-0-3f2a --key keys/operator.key",
                "  mesh instance stop billing-1-3f2a --key keys/operator.key   # a fresh instance replaces it"})
public final class InstanceGroup extends CommandGroup {
}
