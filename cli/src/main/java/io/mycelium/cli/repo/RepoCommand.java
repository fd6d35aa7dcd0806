package io.mycelium.cli.repo;

import io.mycelium.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code mesh repo}: the group. */
@Command(name = "repo",
        header = "Store, list, fetch and remove spores in a content-addressed repository.",
        description = {
                "",
                "A repo is a directory: blobs/sha256/<hex> holds each spore under the sha256 of its bytes, "
                        + "refs/<name> pins one (put names it <app>@<version> unless told otherwise). Storing the "
                        + "same spore twice is a no-op; gc removes what no ref names. Name a spore by its digest, "
                        + "a unique prefix of the hex, or a ref.",
        },
        synopsisSubcommandLabel = "COMMAND",
        commandListHeading = "%nCommands:%n",
        footerHeading = "%nExamples:%n",
        footer = {
                "  mesh repo put out/billing-1.0.0.spore --repo repo     # prints sha256:<hex>",
                "  mesh repo ls --repo repo",
                "  mesh repo get billing@1.0.0 --repo repo --out /tmp/",
                "  mesh repo rm billing@1.0.0 --repo repo",
                "  mesh repo gc --repo repo --dry-run",
        })
public final class RepoCommand extends CommandGroup {
}
