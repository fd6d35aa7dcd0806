package io.mycelium.cli.intention;

import io.mycelium.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code mesh intention}: the group of intention commands. */
@Command(name = "intention", header = "Say which app may call which through the hyphae routers.",
        synopsisSubcommandLabel = "COMMAND", commandListHeading = "%nCommands:%n",
        description = {"",
                "Every call an instance makes through its MYCELIUM_HYPHAE is checked by its node's router against the "
                        + "intentions: the most specific one wins (CALLER CALLEE, then * CALLEE, then CALLER *, then the "
                        + "cluster default * *). Without any intention every call is allowed. A denied call gets 403 with the "
                        + "reason and is counted (mycelium_edge_errors_total{class=\"denied\"} on the router's /metrics). Once the cluster has "
                        + "an intention, a call that does not come through an instance's MYCELIUM_HYPHAE (no known caller) is "
                        + "refused. Changes take effect on every node as soon as the record reaches it."},
        footerHeading = "%nExamples:%n",
        footer = {"  mesh intention default deny --key keys/operator.key",
                "  mesh intention allow frontend billing --key keys/operator.key",
                "  mesh intention deny '*' ledger --key keys/operator.key",
                "  mesh intention list -o json",
                "  mesh intention remove frontend billing --key keys/operator.key"})
public final class IntentionGroup extends CommandGroup {
}
