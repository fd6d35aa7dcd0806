package io.mycelium.cli.repo;

import java.io.IOException;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.store.GcResult;
import io.mycelium.spore.store.SporeRepo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mesh repo gc --repo DIR [--dry-run]}. */
@Command(name = "gc",
        header = "Remove the spores that no ref pins.",
        description = {
                "",
                "Deletes every blob that no ref names, and temporary files left by interrupted puts. "
                        + "--dry-run lists what would go and removes nothing. Run it when no put is in progress "
                        + "on the same repo from another process.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
                "  mesh repo gc --repo repo --dry-run",
                "  mesh repo gc --repo repo",
        })
public final class RepoGcCommand extends RepoDirCommand {
    @Option(names = "--dry-run", description = "Only list what would be removed.")
    boolean dryRun;

    /** What gc removed (or would remove). */
    record Result(boolean dryRun, List<String> removed, int kept, long freedBytes) {
    }

    @Override
    public Integer call() throws IOException {
        SporeRepo repo = existingRepo();
        Result r;
        if (dryRun) {
            Set<Digest> pinned = new HashSet<>(repo.refs().values());
            List<Digest> garbage = repo.list().stream().filter(d -> !pinned.contains(d)).toList();
            long bytes = 0;
            for (Digest d : garbage) {
                bytes += Files.size(repo.get(d, false));
            }
            r = new Result(true, garbage.stream().map(Digest::toString).toList(), repo.list().size() - garbage.size(), bytes);
        } else {
            GcResult gc = repo.gc(Set.of());
            r = new Result(false, gc.removed().stream().map(Digest::toString).toList(), gc.kept().size(), gc.freedBytes());
        }
        renderer().render(r, h -> {
            r.removed().forEach(d -> h.line((dryRun ? "would remove " : "removed ") + d));
            h.line((dryRun ? "would free " : "freed ") + r.freedBytes() + " bytes; " + r.kept() + " pinned spore(s) kept");
        });
        return 0;
    }
}
