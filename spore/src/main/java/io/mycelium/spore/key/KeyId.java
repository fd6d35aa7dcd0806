package io.mycelium.spore.key;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The name of a key: lowercase hex of the sha256 of the raw 32-byte Ed25519 public key.
 *
 * @param hex 64 lowercase hex digits
 */
public record KeyId(String hex) implements Comparable<KeyId> {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public KeyId {
        Objects.requireNonNull(hex, "hex");
        if (!HEX64.matcher(hex).matches()) {
            throw new IllegalArgumentException("key id must be 64 lowercase hex digits, got '" + abbreviate(hex) + "'");
        }
    }

    /** The id of a raw 32-byte Ed25519 public key. */
    public static KeyId ofRawPublicKey(byte[] rawPublicKey) {
        Objects.requireNonNull(rawPublicKey, "rawPublicKey");
        try {
            return new KeyId(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(rawPublicKey)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /** The first 12 hex digits, enough to tell keys apart in a table. */
    public String shortForm() {
        return hex.substring(0, 12);
    }

    @Override
    public int compareTo(KeyId other) {
        return hex.compareTo(other.hex);
    }

    @Override
    public String toString() {
        return hex;
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
