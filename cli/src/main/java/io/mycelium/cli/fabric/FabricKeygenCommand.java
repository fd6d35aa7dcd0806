package io.mycelium.cli.fabric;

import io.mycelium.cli.MeshException;
import io.mycelium.cli.OutputOptions;
import io.mycelium.cli.Renderer;
import io.mycelium.fabric.wire.Keyring;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mesh fabric keygen --out FILE}. */
@Command(name = "keygen",
        header = "Make a cluster keyring: the AES-256 key that seals all fabric traffic.",
        description = {
                "",
                "Writes FILE with one line '<name> <base64 key>', readable by you only. Copy the same file to "
                        + "every member (--cluster-key). To rotate: add a new line at the end everywhere "
                        + "(accepted), then move it to the first line everywhere (primary), then remove the old one.",
        },
        footerHeading = "%nExamples:%n",
        footer = {"  mesh fabric keygen --out cluster.key"})
public final class FabricKeygenCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The keyring file to create (never overwritten).")
    Path out;

    @Option(names = "--name", defaultValue = "k1", description = "Name of the key in the ring (default: ${DEFAULT-VALUE}).")
    String name;

    @Override
    public Integer call() throws IOException {
        if (!name.matches("[A-Za-z0-9._-]{1,32}")) {
            throw MeshException.usage("--name " + name + ": use 1-32 letters, digits, '.', '_' or '-'");
        }
        try {
            if (out.toAbsolutePath().getParent() != null) {
                Files.createDirectories(out.toAbsolutePath().getParent());
            }
            Files.createFile(out);
        } catch (FileAlreadyExistsException e) {
            throw MeshException.rejected(out + " exists: a cluster key is never overwritten; choose another --out");
        }
        try {
            Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the file keeps its default permissions
        }
        Files.writeString(out, Keyring.newKeyringText(name));
        Keyring ring = Keyring.read(out);
        Renderer.of(spec, output).render(Map.of("file", out.toString(), "key", name,
                "key_id", Integer.toHexString(ring.primary().id())), h -> h.line("wrote " + out + " (key " + name + ")"));
        return 0;
    }
}
