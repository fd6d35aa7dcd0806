package io.mycelium.testing;

import io.mycelium.spore.key.SigningKey;
import io.mycelium.spore.manifest.Identity;
import io.mycelium.spore.manifest.Manifest;
import io.mycelium.spore.manifest.RuntimeKind;
import io.mycelium.spore.manifest.RuntimeSpec;
import io.mycelium.spore.pack.PackedSpore;
import io.mycelium.spore.pack.SporePacker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/** Real signed spores for tests, packed under a directory the test owns (and removes). */
public final class TestSpores {
    private static final AtomicLong SEQ = new AtomicLong();

    private TestSpores() {
    }

    /** Packs {@code manifest} with {@code payload}, signed by {@code key}, into a fresh directory under {@code dir}. */
    public static PackedSpore pack(Path dir, Manifest manifest, List<Path> payload, SigningKey key) throws IOException {
        Path out = Files.createDirectories(dir.resolve("spores-" + SEQ.incrementAndGet()));
        return SporePacker.pack(manifest, payload, key, out);
    }

    /** Writes an executable {@code #!/bin/sh} script {@code fileName} with {@code body} in a fresh directory under {@code dir}. */
    public static Path shellScript(Path dir, String fileName, String body) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src-" + SEQ.incrementAndGet()));
        Path file = src.resolve(fileName);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    /**
     * A spore {@code name@version} of one shell script ({@code name.sh}, runtime SCRIPT) with
     * {@code body}, its manifest changed by {@code edit} (health, ports, nutrients), signed by {@code key}.
     */
    public static PackedSpore shell(Path dir, String name, String version, String body, UnaryOperator<Manifest> edit, SigningKey key)
            throws IOException {
        Path script = shellScript(dir, name + ".sh", body);
        Manifest m = Manifest.template(new Identity(name, version, Map.of()),
                new RuntimeSpec(RuntimeKind.SCRIPT, name + ".sh", List.of(), Map.of()));
        return pack(dir, edit.apply(m), List.of(script), key);
    }
}
