package io.mycelium.cli.repo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.mycelium.cli.MeshException;
import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.store.SporeRepo;

/** Opening repos and resolving what the user named. */
final class Repos {
    private static final Pattern HEX_PREFIX = Pattern.compile("[0-9a-f]{4,64}");

    private Repos() {
    }

    /** An existing repo; a missing one is an error (reading commands never create one). */
    static SporeRepo existing(Path dir) throws IOException {
        if (!Files.isDirectory(dir.resolve("blobs").resolve("sha256"))) {
            throw MeshException.notFound(dir + ": not a spore repo (no blobs/sha256/ inside); create one with 'mesh repo put SPORE --repo " + dir + "'");
        }
        return SporeRepo.open(dir);
    }

    /** A digest, a unique hex prefix (with or without sha256:), or a ref. */
    static Digest resolve(SporeRepo repo, String spec) throws IOException {
        Map<String, Digest> refs = repo.refs();
        if (refs.containsKey(spec)) {
            return refs.get(spec);
        }
        String hex = spec.startsWith(Digest.PREFIX) ? spec.substring(Digest.PREFIX.length()) : spec;
        if (HEX_PREFIX.matcher(hex).matches()) {
            List<Digest> matches = new ArrayList<>();
            for (Digest d : repo.list()) {
                if (d.hex().startsWith(hex)) {
                    matches.add(d);
                }
            }
            if (matches.size() == 1) {
                return matches.get(0);
            }
            if (matches.size() > 1) {
                throw MeshException.rejected(repo.root() + ": '" + spec + "' matches " + matches.size() + " spores; give more digits");
            }
        }
        throw MeshException.notFound(repo.root() + ": no spore or ref '" + spec + "' (list them with 'mesh repo ls --repo " + repo.root() + "')");
    }

    /** The refs that name {@code digest}. */
    static List<String> refsOf(SporeRepo repo, Digest digest) throws IOException {
        List<String> names = new ArrayList<>();
        repo.refs().forEach((ref, d) -> {
            if (d.equals(digest)) {
                names.add(ref);
            }
        });
        return names;
    }
}
