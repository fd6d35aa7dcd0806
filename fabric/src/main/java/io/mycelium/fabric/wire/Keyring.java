package io.mycelium.fabric.wire;

import io.mycelium.spore.digest.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The cluster keys: one primary key that seals outgoing traffic and any number of other keys that
 * are still accepted, so a key is rotated by (1) adding the new key as accepted everywhere,
 * (2) making it primary everywhere, (3) removing the old one. Immutable.
 *
 * <p>File format: one key per line, {@code <name> <base64 of 32 bytes>}; the first line is the
 * primary; blank lines and lines starting with {@code #} are ignored.
 */
public final class Keyring {
    /** One AES-256 key and its 32-bit wire id. */
    public record ClusterKey(String name, int id, SecretKey key) {
        public static ClusterKey of(String name, byte[] raw) {
            if (raw.length != 32) {
                throw new IllegalArgumentException("cluster key '" + name + "' is " + raw.length + " bytes, AES-256 needs 32");
            }
            MessageDigest sha = Digest.newSha256();
            sha.update("mycelium-cluster-key-id".getBytes(StandardCharsets.UTF_8));
            byte[] h = sha.digest(raw);
            int id = ((h[0] & 0xff) << 24) | ((h[1] & 0xff) << 16) | ((h[2] & 0xff) << 8) | (h[3] & 0xff);
            return new ClusterKey(name, id, new SecretKeySpec(raw.clone(), "AES"));
        }

        @Override
        public String toString() {
            return "ClusterKey[" + name + ", id " + Integer.toHexString(id) + "]";
        }
    }

    private final ClusterKey primary;
    private final Map<Integer, ClusterKey> byId;

    private Keyring(ClusterKey primary, List<ClusterKey> accepted) {
        this.primary = primary;
        Map<Integer, ClusterKey> m = new LinkedHashMap<>();
        m.put(primary.id(), primary);
        for (ClusterKey k : accepted) {
            m.putIfAbsent(k.id(), k);
        }
        this.byId = Map.copyOf(m);
    }

    public static Keyring of(ClusterKey primary, ClusterKey... accepted) {
        return new Keyring(primary, List.of(accepted));
    }

    /** A fresh random 32-byte key. */
    public static byte[] newKeyBytes() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return b;
    }

    /** The file text for a new keyring with one random key. */
    public static String newKeyringText(String name) {
        return name + " " + Base64.getEncoder().encodeToString(newKeyBytes()) + "\n";
    }

    public static Keyring parse(String text, String source) {
        List<ClusterKey> keys = new ArrayList<>();
        int lineNo = 0;
        for (String line : text.split("\n")) {
            lineNo++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] parts = t.split("\\s+");
            if (parts.length != 2) {
                throw new IllegalArgumentException(source + " line " + lineNo + ": expected '<name> <base64 key>'");
            }
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(parts[1]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + " line " + lineNo + ": key '" + parts[0] + "' is not base64");
            }
            try {
                keys.add(ClusterKey.of(parts[0], raw));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + " line " + lineNo + ": " + e.getMessage());
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(source + ": no cluster key; create one with 'mesh fabric keygen'");
        }
        return new Keyring(keys.getFirst(), keys.subList(1, keys.size()));
    }

    public static Keyring read(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read the cluster keyring (" + e.getMessage() + ")", e);
        }
    }

    public ClusterKey primary() {
        return primary;
    }

    public Optional<ClusterKey> find(int id) {
        return Optional.ofNullable(byId.get(id));
    }

    public int size() {
        return byId.size();
    }
}
