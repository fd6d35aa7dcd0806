package io.mycelium.cli.plan;

import io.mycelium.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code mesh plan}: the group of plan commands. */
@Command(name = "plan", header = "Apply signed plans: what runs, from which spore, how many instances.",
        synopsisSubcommandLabel = "COMMAND", commandListHeading = "%nCommands:%n")
public final class PlanCommand extends CommandGroup {
}
