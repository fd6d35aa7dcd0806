package io.mycelium.cli.spore;

import io.mycelium.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code mesh spore}: the group. */
@Command(name = "spore",
        header = "Pack, verify, extract and inspect signed spores.",
        description = {
                "",
                "A spore is one file: a signed DNA manifest (what the workload is and how to run it) and "
                        + "the payload files it binds by sha256 and size. Anyone can inspect a spore; only a "
                        + "signature by a key in your trust store makes it verify.",
        },
        synopsisSubcommandLabel = "COMMAND",
        commandListHeading = "%nCommands:%n",
        footerHeading = "%nExamples:%n",
        footer = {
                "  mesh spore pack --manifest examples/dna/billing.json \\",
                "      --key keys/publisher.key --out out examples/target/billing.jar",
                "  mesh spore inspect out/billing-1.0.0.spore",
                "  mesh spore verify out/billing-1.0.0.spore --trust trust",
                "  mesh spore extract out/billing-1.0.0.spore --trust trust --to run/billing",
        })
public final class SporeCommand extends CommandGroup {
}
