package io.mycelium.cli.fabric;

import io.mycelium.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code mesh fabric}: the group. */
@Command(name = "fabric",
        header = "Membership and replicated state: simulate the gossip, run a bare member, make a cluster key.",
        synopsisSubcommandLabel = "COMMAND",
        commandListHeading = "%nCommands:%n",
        footerHeading = "%nExamples:%n",
        footer = {
                "  mesh fabric simulate --nodes 1000 --loss 0.05 -o json",
                "  mesh fabric keygen --out cluster.key",
                "  mesh fabric member --node-id a --cluster-key cluster.key --mdns-interface lo",
                "  mesh nodes --api http://127.0.0.1:7070",
        })
public final class FabricCommand extends CommandGroup {
}
