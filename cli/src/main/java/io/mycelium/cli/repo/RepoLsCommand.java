package io.mycelium.cli.repo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.mycelium.cli.Table;
import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.manifest.Manifest;
import io.mycelium.spore.store.SporeRepo;
import io.mycelium.spore.verify.SporeRejectedException;
import io.mycelium.spore.verify.SporeVerifier;
import picocli.CommandLine.Command;

/** {@code mesh repo ls --repo DIR}. */
@Command(name = "ls",
        header = "List the spores in a repo with their app, size and refs.",
        description = {
                "",
                "One line per stored spore: its digest, size, the app and version its manifest claims "
                        + "(read, not verified) and the refs that pin it. A spore without refs is removed by gc.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
                "  mesh repo ls --repo repo",
                "  mesh repo ls --repo repo -o json | jq -r '.[].digest'",
        })
public final class RepoLsCommand extends RepoDirCommand {
    /** One stored spore. */
    record Entry(String digest, long size, String name, String version, List<String> refs) {
    }

    @Override
    public Integer call() throws IOException {
        SporeRepo repo = existingRepo();
        List<Entry> entries = new ArrayList<>();
        for (Digest d : repo.list()) {
            Path blob = repo.get(d, false);
            String name = null;
            String version = null;
            try {
                Manifest m = SporeVerifier.inspect(blob).manifest();
                name = m.identity().name();
                version = m.identity().version();
            } catch (SporeRejectedException e) {
                // listed anyway: the repo stores bytes; verify says what is wrong with them
            }
            entries.add(new Entry(d.toString(), Files.size(blob), name, version, Repos.refsOf(repo, d)));
        }
        renderer().render(entries, h -> {
            if (entries.isEmpty()) {
                h.line("(no spores in " + repoDir + ")");
                return;
            }
            Table t = Table.of("DIGEST", "SIZE", "APP", "REFS");
            for (Entry e : entries) {
                t.row(e.digest(), e.size(), e.name() == null ? "(not a spore)" : e.name() + "@" + e.version(),
                        e.refs().isEmpty() ? "-" : String.join(",", e.refs()));
            }
            h.table(t);
        });
        return 0;
    }
}
