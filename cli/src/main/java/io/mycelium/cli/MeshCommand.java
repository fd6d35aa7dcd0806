package io.mycelium.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The root command: {@code mesh}. Its subcommands are registered in {@link Commands}. */
@Command(name = "mesh",
        header = "Mycelium Mesh: run signed workloads (spores) as plain processes on a self-organizing cluster.",
        description = {
                "",
                "A spore is a signed bundle of an executable and its DNA manifest. You make a key, "
                        + "pack a spore with it, publish the spore into a content-addressed repository, "
                        + "and every node that trusts your key can verify, extract and run it. "
                        + "No containers, no central server.",
        },
        synopsisSubcommandLabel = "COMMAND",
        commandListHeading = "%nCommands:%n",
        footerHeading = "%nExamples:%n",
        footer = {
                "  mesh up                       # pack, publish, verify the examples in ./.mesh",
                "  mesh keygen --out keys        # keys/publisher.key + keys/publisher.pub",
                "  mesh spore pack --manifest examples/dna/billing.json \\",
                "      --key keys/publisher.key --out out examples/target/examples-billing.jar",
                "  mesh spore verify out/billing-1.0.0.spore --trust trust",
                "  mesh repo put out/billing-1.0.0.spore --repo repo",
                "  mesh help spore pack          # help for one command",
                "",
                "Exit codes: 0 ok, 1 rejected or not found, 2 usage error.",
                "Errors are one line; --verbose or MESH_DEBUG=1 adds the stack trace.",
        })
public final class MeshCommand extends CommandGroup {
    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "On an error, print its stack trace too (same as MESH_DEBUG=1).")
    boolean verbose;
}
