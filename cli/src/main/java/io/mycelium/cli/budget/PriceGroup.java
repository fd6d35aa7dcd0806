package io.mycelium.cli.budget;

import io.mycelium.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code mesh price}: the cluster's price. */
@Command(name = "price", header = "Set what resources cost in credits (the cluster's default price).",
        synopsisSubcommandLabel = "COMMAND", commandListHeading = "%nCommands:%n",
        description = {"", "Every agent charges its instances at the price in force when it meters them, so a new price never "
                + "reprices what was already spent. Without a price record the default is 0.001 credits per cpu-second "
                + "and 0.001 per MiB-hour."},
        footerHeading = "%nExamples:%n",
        footer = {"  mesh price set --cpu-second 0.002 --mb-hour 0.0005 --key keys/operator.key", "  mesh budget show"})
public final class PriceGroup extends CommandGroup {
}
