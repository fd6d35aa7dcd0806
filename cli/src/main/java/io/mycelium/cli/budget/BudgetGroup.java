package io.mycelium.cli.budget;

import io.mycelium.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code mesh budget}: the group of budget commands. */
@Command(name = "budget", header = "Give apps credits to spend: balance, rate, instance range and priority.",
        synopsisSubcommandLabel = "COMMAND", commandListHeading = "%nCommands:%n",
        description = {"",
                "Every instance is charged for the CPU time and memory it really uses, at the cluster's price (mesh price set). "
                        + "An app with a budget runs between its --min and --max instances while it can pay; when its balance "
                        + "runs out it drops to --min, and mesh apps says why; a top-up brings it back. When capacity is short, "
                        + "apps of lower --priority yield first. Apps without a budget run as planned, at priority 0."},
        footerHeading = "%nExamples:%n",
        footer = {"  mesh budget set billing --credits 100 --rate 10 --max 4 --key keys/operator.key",
                "  mesh budget topup billing 50 --key keys/operator.key",
                "  mesh budget show",
                "  mesh budget show billing -o json"})
public final class BudgetGroup extends CommandGroup {
}
