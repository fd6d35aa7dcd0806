package io.mycelium.spore.key;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The verifying keys a node trusts: a directory of {@code *.pub} PEM files. A signature counts only
 * if it verifies against one of these keys; a key carried inside a spore or a record is never
 * trusted by itself. Immutable and thread-safe; {@link #load} again to see new files.
 */
public final class TrustStore {
    private final Map<KeyId, VerifyingKey> keys;

    private TrustStore(Map<KeyId, VerifyingKey> keys) {
        this.keys = Map.copyOf(keys);
    }

    /** A trust store of exactly these keys. */
    public static TrustStore of(Collection<VerifyingKey> keys) {
        Map<KeyId, VerifyingKey> byId = new TreeMap<>();
        for (VerifyingKey key : keys) {
            byId.put(key.id(), key);
        }
        return new TrustStore(byId);
    }

    public static TrustStore of(VerifyingKey... keys) {
        return of(List.of(keys));
    }

    /**
     * Loads every {@code *.pub} file in {@code dir} (not recursive). A file that is not a valid
     * Ed25519 public key fails the load with a message naming it, rather than being skipped.
     */
    public static TrustStore load(Path dir) {
        Objects.requireNonNull(dir, "dir");
        if (!Files.isDirectory(dir)) {
            throw new KeyFormatException(dir + ": trust store is not a directory (make one and copy trusted *.pub keys into it)");
        }
        Map<KeyId, VerifyingKey> byId = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".pub")).sorted().toList()) {
                VerifyingKey key = VerifyingKey.read(file);
                byId.put(key.id(), key);
            }
        } catch (IOException e) {
            throw new KeyFormatException(dir + ": cannot list trust store (" + e.getMessage() + ")", e);
        }
        return new TrustStore(byId);
    }

    public Optional<VerifyingKey> find(KeyId id) {
        return Optional.ofNullable(keys.get(id));
    }

    public boolean trusts(KeyId id) {
        return keys.containsKey(id);
    }

    /** True only if {@code id} is trusted and {@code signature} verifies under that key. */
    public boolean verify(KeyId id, byte[] message, byte[] signature) {
        VerifyingKey key = keys.get(id);
        return key != null && key.verify(message, signature);
    }

    public Collection<VerifyingKey> keys() {
        return keys.values();
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    public int size() {
        return keys.size();
    }
}
