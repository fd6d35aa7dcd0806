package io.mycelium.cli.keys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Callable;

import io.mycelium.cli.CliContext;
import io.mycelium.cli.MeshException;
import io.mycelium.cli.OutputOptions;
import io.mycelium.cli.Renderer;
import io.mycelium.spore.key.SigningKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mesh keygen --out DIR [--name NAME]}. */
@Command(name = "keygen",
        header = "Make an Ed25519 key pair for signing spores (or operator records).",
        description = {
                "",
                "Writes DIR/NAME.key (the private key, PKCS#8 PEM, readable by you only) and DIR/NAME.pub "
                        + "(the public key, SubjectPublicKeyInfo PEM) and prints the key id: the sha256 of "
                        + "the raw public key. Keep the .key secret; copy the .pub into the trust store "
                        + "directory of every node that should run what you sign. Never overwrites a key. "
                        + "Keys made by openssl work too, and ours work with openssl.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
                "  mesh keygen --out keys                # keys/publisher.key + .pub",
                "  mesh keygen --out keys --name alice   # keys/alice.key + keys/alice.pub",
                "  mkdir -p trust && cp keys/publisher.pub trust/   # trust it",
                "  openssl genpkey -algorithm ed25519 -out keys/ossl.key   # same format",
        })
public final class KeygenCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Directory to write the key pair into (created if missing).")
    Path out;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "publisher",
            description = "File name of the pair, without extension (default: ${DEFAULT-VALUE}).")
    String name;

    public KeygenCommand(CliContext ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
    }

    /** What keygen made, as {@code -o json} prints it. */
    record Result(String name, String keyId, Path privateKey, Path publicKey) {
    }

    @Override
    public Integer call() throws IOException {
        if (!name.matches("[A-Za-z0-9._-]{1,64}") || name.startsWith(".")) {
            throw MeshException.usage("--name '" + name + "': use 1-64 letters, digits, '.', '_' or '-', not starting with '.'");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw MeshException.rejected(out + ": exists and is not a directory; choose another --out");
        }
        Path key = out.resolve(name + ".key");
        Path pub = out.resolve(name + ".pub");
        for (Path p : new Path[] {key, pub}) {
            if (Files.exists(p)) {
                throw MeshException.rejected(p + ": already exists; keygen never overwrites a key (choose another --name or --out)");
            }
        }
        SigningKey signing = SigningKey.generate();
        signing.writePair(out, name);
        Result r = new Result(name, signing.id().hex(), key, pub);
        Renderer.of(spec, output).render(r, h -> {
            h.line("private key  " + key + "  (keep it secret)");
            h.line("public key   " + pub + "  (copy into trust stores)");
            h.line("key id       " + r.keyId());
        });
        return 0;
    }
}
