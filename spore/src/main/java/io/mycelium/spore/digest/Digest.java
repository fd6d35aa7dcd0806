package io.mycelium.spore.digest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The sha256 digest of some bytes, written {@code sha256:<hex>}.
 *
 * @param hex 64 lowercase hex digits
 */
public record Digest(String hex) implements Comparable<Digest> {
    public static final String PREFIX = "sha256:";
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public Digest {
        Objects.requireNonNull(hex, "hex");
        if (!HEX64.matcher(hex).matches()) {
            throw new IllegalArgumentException("a digest is 64 lowercase hex digits, got '" + abbreviate(hex) + "'");
        }
    }

    /** Parses {@code sha256:<hex>}; the message says what was wrong. */
    public static Digest parse(String text) {
        Objects.requireNonNull(text, "text");
        if (!text.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a digest looks like sha256:<64 hex digits>, got '" + abbreviate(text) + "'");
        }
        return new Digest(text.substring(PREFIX.length()));
    }

    public static Digest of(byte[] bytes) {
        MessageDigest md = newSha256();
        return new Digest(HexFormat.of().formatHex(md.digest(bytes)));
    }

    public static Digest of(MessageDigest finishedSha256) {
        return new Digest(HexFormat.of().formatHex(finishedSha256.digest()));
    }

    /** Streams the file through sha256. */
    public static Digest ofFile(Path file) throws IOException {
        MessageDigest md = newSha256();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return of(md);
    }

    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /** The first 12 hex digits, for tables. */
    public String shortForm() {
        return hex.substring(0, 12);
    }

    @Override
    public int compareTo(Digest other) {
        return hex.compareTo(other.hex);
    }

    @Override
    public String toString() {
        return PREFIX + hex;
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
