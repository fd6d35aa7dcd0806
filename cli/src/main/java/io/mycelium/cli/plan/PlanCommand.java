package io.mycelium.cli.plan;

import io.mycelium.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code mesh plan}: the group of plan commands. */
@Command(name = "plan", header = "Apply signed plans: what runs, from which spore, how many instances.",
        synopsisSubcommandLabel = "COMMAND", commandListHeading = "%nCommands:%n",
        footerHeading = "%nExamples:%n",
        footer = {"  mesh plan apply --app billing --spore out/billing-1.0.0.spore \\",
                "      --instances 2 --key keys/operator.key",
                "  mesh plan apply --app billing --instances 3 --key keys/operator.key"})
public final class PlanCommand extends CommandGroup {
}
