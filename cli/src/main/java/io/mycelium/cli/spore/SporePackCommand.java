package io.mycelium.cli.spore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.mycelium.cli.MeshException;
import io.mycelium.cli.OutputOptions;
import io.mycelium.cli.Renderer;
import io.mycelium.spore.key.SigningKey;
import io.mycelium.spore.manifest.Manifest;
import io.mycelium.spore.manifest.ManifestCodec;
import io.mycelium.spore.pack.PackedSpore;
import io.mycelium.spore.pack.SporePacker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mesh spore pack --manifest M.json --key K.key --out DIR FILE...}. */
@Command(name = "pack",
        header = "Sign a manifest and files into a spore (the first FILE is the executable).",
        description = {
                "",
                "Reads the manifest template M.json, binds every FILE into it by sha256 and size, signs the "
                        + "manifest with the private key (Ed25519, in a DSSE envelope) and writes "
                        + "DIR/<name>-<version>.spore. Each file is stored under its file name; the first one is "
                        + "the executable and must match runtime.command if the manifest sets it. "
                        + "Prints the spore's path and its digest (its name in a repo).",
        },
        footerHeading = "%nExamples:%n",
        footer = {
                "  mesh keygen --out keys",
                "  mesh spore pack --manifest examples/dna/billing.json \\",
                "      --key keys/publisher.key --out out examples/target/billing.jar",
                "  mesh spore pack --manifest app.json --key keys/publisher.key --out out \\",
                "      bin/app config.toml --sbom bom.json       # extra files and an SBOM",
        })
public final class SporePackCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Option(names = "--manifest", required = true, paramLabel = "M.json", description = "The DNA manifest template (JSON).")
    Path manifest;

    @Option(names = "--key", required = true, paramLabel = "K.key", description = "The publisher's private key (PEM, from mesh keygen or openssl).")
    Path key;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write the spore into (created if missing).")
    Path out;

    @Option(names = "--sbom", paramLabel = "FILE", description = "A CycloneDX SBOM to bind into the spore.")
    Path sbom;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "The payload: the executable first, then any extra files.")
    List<Path> files;

    /** What pack printed, as {@code -o json} shows it. */
    record Result(Path spore, String digest, String name, String version, String signer, List<Views.FileView> files) {
    }

    @Override
    public Integer call() throws IOException {
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw MeshException.notFound(f + ": " + (Files.exists(f) ? "not a regular file" : "no such file") + " (payload FILE)");
            }
        }
        if (sbom != null && !Files.isRegularFile(sbom)) {
            throw MeshException.notFound(sbom + ": no such file (--sbom)");
        }
        Manifest template = ManifestCodec.read(manifest);
        SigningKey signing = SigningKey.read(key);
        PackedSpore packed;
        try {
            packed = SporePacker.pack(template, files, sbom, signing, out);
        } catch (IllegalArgumentException e) {
            throw MeshException.rejected(manifest + ": " + e.getMessage(), e);
        }
        Manifest m = packed.manifest();
        Result r = new Result(packed.path(), packed.digest().toString(), m.identity().name(), m.identity().version(),
                signing.id().hex(), Views.files(m.entries()));
        Renderer.of(spec, output).render(r, h -> {
            h.line("packed  " + packed.path() + "  " + m.displayName());
            h.line("digest  " + packed.digest());
            h.line("signer  " + signing.id().hex());
            h.line("");
            h.table(Views.fileTable(m.entries()));
        });
        return 0;
    }
}
