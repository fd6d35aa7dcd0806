package io.mycelium.cli.rollout;

import io.mycelium.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code mesh rollout}: the group of rollout commands. */
@Command(name = "rollout", header = "Roll an app out to a new revision: blue/green, canary or rolling, with automatic abort and undo.",
        synopsisSubcommandLabel = "COMMAND", commandListHeading = "%nCommands:%n",
        description = {"",
                "A rollout moves an app from the revision it serves (stable) to a new one (desired) in steps. Every agent and "
                        + "edge decides each step from the same fabric records, so every console shows the same progress. "
                        + "Operator commands are signed records: give the operator key with --key."},
        footerHeading = "%nExamples:%n",
        footer = {"  mesh rollout start billing --spore out/billing-2.0.0.spore --strategy blue-green --key keys/operator.key",
                "  curl -H 'X-Mycelium-Preview: 1' http://127.0.0.1:8080/billing/   # the preview (green)",
                "  mesh rollout status billing -w",
                "  mesh rollout promote billing --key keys/operator.key",
                "  mesh rollout undo billing --key keys/operator.key"})
public final class RolloutGroup extends CommandGroup {
}
