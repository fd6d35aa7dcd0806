package io.mycelium.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import io.mycelium.spore.key.SigningKey;

/**
 * A small world for command tests under one temp directory: a publisher key pair, a trust store
 * that trusts it, a stranger's key, a manifest template and a script payload.
 */
public final class Fixture {
    public static final String PAYLOAD_MARKER = "MARKER-PAYLOAD-0123456789";

    public final Path root;
    public final Path key;
    public final Path trust;
    public final Path strangerKey;
    public final Path manifest;
    public final Path payload;
    public final Path out;

    public Fixture(Path root) throws IOException {
        this.root = root;
        Path keys = root.resolve("keys");
        SigningKey publisher = SigningKey.generate();
        publisher.writePair(keys, "publisher");
        SigningKey.generate().writePair(keys, "stranger");
        key = keys.resolve("publisher.key");
        strangerKey = keys.resolve("stranger.key");
        trust = Files.createDirectories(root.resolve("trust"));
        Files.copy(keys.resolve("publisher.pub"), trust.resolve("publisher.pub"));
        manifest = root.resolve("hello.json");
        Files.writeString(manifest, """
                {
                  "schema_version": 1,
                  "identity": { "name": "hello", "version": "1.0.0" },
                  "runtime": { "kind": "SCRIPT", "command": "hello.sh", "env": { "GREETING": "hi" } },
                  "provides": [ { "name": "http", "protocol": "http", "port_env": "PORT" } ],
                  "health": { "kind": "HTTP", "path": "/health" },
                  "future_field": { "kept": true }
                }
                """, StandardCharsets.UTF_8);
        payload = root.resolve("src").resolve("hello.sh");
        Files.createDirectories(payload.getParent());
        Files.writeString(payload, "#!/bin/sh\necho " + PAYLOAD_MARKER + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(payload, PosixFilePermissions.fromString("rwxr-xr-x"));
        out = root.resolve("out");
    }

    /** Packs the fixture's spore and returns its path (fails the test if pack fails). */
    public Path packed() {
        CliRun r = CliRun.run(root, "spore", "pack", "--manifest", manifest.toString(), "--key", key.toString(),
                "--out", out.toString(), payload.toString());
        if (r.code() != 0) {
            throw new AssertionError("pack failed: " + r);
        }
        return out.resolve("hello-1.0.0.spore");
    }

    /** A copy of {@code spore} with the first byte of the payload marker flipped. */
    public Path tampered(Path spore) throws IOException {
        byte[] bytes = Files.readAllBytes(spore);
        int at = indexOf(bytes, PAYLOAD_MARKER.getBytes(StandardCharsets.US_ASCII));
        if (at < 0) {
            throw new AssertionError("payload marker not found in " + spore);
        }
        bytes[at] ^= 0x01;
        Path copy = root.resolve("tampered.spore");
        Files.write(copy, bytes);
        return copy;
    }

    public CliRun mesh(String... args) {
        return CliRun.run(root, args);
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
