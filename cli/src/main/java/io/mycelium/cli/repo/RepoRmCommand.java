package io.mycelium.cli.repo;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.store.SporeRepo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mesh repo rm SPORE... --repo DIR}. */
@Command(name = "rm",
        header = "Remove spores (and the refs that pin them) from a repo.",
        description = {
                "",
                "Each SPORE is a digest, a unique prefix of one, or a ref. Every name is resolved before "
                        + "anything is removed, so a typo removes nothing. The refs naming a removed spore are "
                        + "removed with it.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
                "  mesh repo rm billing@1.0.0 --repo repo",
                "  mesh repo rm 3f2a9c 77be01 --repo repo",
        })
public final class RepoRmCommand extends RepoDirCommand {
    @Parameters(arity = "1..*", paramLabel = "SPORE", description = "Digest, unique digest prefix, or ref.")
    List<String> names;

    /** One removed spore. */
    record Removed(String digest, List<String> refs) {
    }

    @Override
    public Integer call() throws IOException {
        SporeRepo repo = existingRepo();
        Map<Digest, String> targets = new LinkedHashMap<>();
        for (String n : names) {
            targets.putIfAbsent(Repos.resolve(repo, n), n);
        }
        List<Removed> removed = new ArrayList<>();
        for (Digest d : targets.keySet()) {
            List<String> refs = Repos.refsOf(repo, d);
            for (String ref : refs) {
                repo.unpin(ref);
            }
            repo.remove(d);
            removed.add(new Removed(d.toString(), refs));
        }
        renderer().render(removed, h -> removed.forEach(r -> h.line("removed " + r.digest()
                + (r.refs().isEmpty() ? "" : " (refs " + String.join(", ", r.refs()) + ")"))));
        return 0;
    }
}
