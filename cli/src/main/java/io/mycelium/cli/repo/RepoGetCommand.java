package io.mycelium.cli.repo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import io.mycelium.cli.MeshException;
import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.manifest.Manifest;
import io.mycelium.spore.store.SporeRepo;
import io.mycelium.spore.verify.SporeRejectedException;
import io.mycelium.spore.verify.SporeVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mesh repo get SPORE --repo DIR --out PATH}. */
@Command(name = "get",
        header = "Copy a spore out of a repo, re-checking its digest.",
        description = {
                "",
                "Copies the spore named by SPORE (a digest, a unique prefix of one, or a ref) to PATH. If PATH "
                        + "is a directory the file is named <app>-<version>.spore. The bytes are hashed while "
                        + "they are copied; if they no longer match the digest (a damaged repo) nothing is "
                        + "written and the exit code is 1. Never overwrites a file unless --force.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
                "  mesh repo get billing@1.0.0 --repo repo --out /tmp/",
                "  mesh repo get sha256:3f2a... --repo repo --out billing.spore",
                "  mesh repo get 3f2a9c --repo repo --out . --force",
        })
public final class RepoGetCommand extends RepoDirCommand {
    @Parameters(index = "0", paramLabel = "SPORE", description = "Digest, unique digest prefix, or ref.")
    String name;

    @Option(names = "--out", required = true, paramLabel = "PATH", description = "File to write, or an existing directory.")
    Path out;

    @Option(names = "--force", description = "Replace PATH if it exists.")
    boolean force;

    /** What get wrote. */
    record Result(String digest, Path file, long size) {
    }

    @Override
    public Integer call() throws IOException {
        SporeRepo repo = existingRepo();
        Digest digest = Repos.resolve(repo, name);
        Path target = Files.isDirectory(out) ? out.resolve(fileName(repo, digest)) : out;
        if (Files.exists(target) && !force) {
            throw MeshException.rejected(target + ": already exists; use --force to replace it or choose another --out");
        }
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            try (InputStream in = repo.open(digest, true)) {
                Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        Result r = new Result(digest.toString(), target, Files.size(target));
        renderer().render(r, h -> h.line(target.toString()));
        return 0;
    }

    private static String fileName(SporeRepo repo, Digest digest) throws IOException {
        try {
            Manifest m = SporeVerifier.inspect(repo.get(digest, false)).manifest();
            return m.identity().name() + "-" + m.identity().version() + ".spore";
        } catch (SporeRejectedException e) {
            return digest.shortForm() + ".spore";
        }
    }
}
