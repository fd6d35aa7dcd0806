package io.mycelium.cli.repo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.mycelium.cli.MeshException;
import io.mycelium.cli.Renderer;
import io.mycelium.cli.spore.Trust;
import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.manifest.Manifest;
import io.mycelium.spore.store.SporeRepo;
import io.mycelium.spore.verify.SporeRejectedException;
import io.mycelium.spore.verify.SporeVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mesh repo put SPORE --repo DIR}: prints the digest. */
@Command(name = "put",
        header = "Store a spore in a repo and print its digest (sha256:<hex>).",
        description = {
                "",
                "Copies the spore into DIR/blobs/sha256/<hex> atomically (temp file, fsync, rename); storing "
                        + "it again is a no-op, and concurrent puts are safe. The repo is created if missing. "
                        + "The file must be a readable spore; with --trust it must also verify. The spore is "
                        + "pinned by the ref <app>@<version> (or --ref NAME, or none with --no-ref). Only the "
                        + "digest goes to stdout, so scripts can capture it.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
                "  mesh repo put out/billing-1.0.0.spore --repo repo",
                "  digest=$(mesh repo put app.spore --repo repo --trust trust)",
                "  mesh repo put app.spore --repo repo --ref app@stable",
        })
public final class RepoPutCommand extends io.mycelium.cli.spore.SporeFileCommand {
    @Option(names = "--repo", required = true, paramLabel = "DIR", description = "The repo directory (created if missing).")
    Path repoDir;

    @Option(names = "--ref", paramLabel = "NAME", description = "Pin it under this ref instead of <app>@<version>.")
    String ref;

    @Option(names = "--no-ref", description = "Do not pin it (gc may then remove it).")
    boolean noRef;

    @Option(names = "--trust", paramLabel = "DIR", description = "Refuse the spore unless it verifies against this trust store.")
    Path trustDir;

    /** What put did. */
    record Result(String digest, Path repo, String name, String version, String ref, long size, boolean alreadyStored) {
    }

    @Override
    public Integer call() throws IOException, SporeRejectedException {
        if (ref != null && noRef) {
            throw MeshException.usage("--ref and --no-ref exclude each other");
        }
        if (!Files.isRegularFile(spore)) {
            throw MeshException.notFound(spore + ": no such file");
        }
        Manifest m = trustDir != null
                ? SporeVerifier.verify(spore, Trust.load(trustDir)).manifest()
                : SporeVerifier.inspect(spore).manifest();
        SporeRepo repo = SporeRepo.open(repoDir);
        Digest before = Digest.ofFile(spore);
        boolean existed = repo.contains(before);
        Digest digest = repo.put(spore);
        String pin = noRef ? null : ref != null ? ref : m.identity().name() + "@" + m.identity().version();
        if (pin != null) {
            try {
                repo.pin(pin, digest);
            } catch (IllegalArgumentException e) {
                throw MeshException.usage("--ref '" + pin + "': " + e.getMessage());
            }
        }
        Result r = new Result(digest.toString(), repoDir, m.identity().name(), m.identity().version(), pin, Files.size(spore), existed);
        Renderer renderer = renderer();
        renderer.render(r, h -> h.line(digest.toString()));
        if (!renderer.json()) {
            spec.commandLine().getErr().println((existed ? "already stored " : "stored ") + m.displayName()
                    + (pin == null ? " (no ref)" : " as ref " + pin) + " in " + repoDir);
            spec.commandLine().getErr().flush();
        }
        return 0;
    }
}
