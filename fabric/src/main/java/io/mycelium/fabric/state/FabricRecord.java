package io.mycelium.fabric.state;

import io.mycelium.fabric.model.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Optional;

/**
 * One replicated record. {@code payload} is the canonical JSON of the typed value, or null for a
 * tombstone. {@code signature} is the base64 Ed25519 signature over {@link #signedBytes()} for
 * operator records (empty for node-owned ones); the signing key id is the version's tiebreak.
 */
public record FabricRecord(RecordKey key, Version version, String payload, String signature) {
    /** Largest accepted payload, in UTF-16 chars (about the same in bytes for JSON). */
    public static final int MAX_PAYLOAD = 64 * 1024;

    public FabricRecord {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(version, "version");
        signature = signature == null ? "" : signature;
        if (payload != null && payload.length() > MAX_PAYLOAD) {
            throw new IllegalArgumentException("record " + key + ": payload is " + payload.length() + " chars, at most " + MAX_PAYLOAD);
        }
        if (signature.length() > 256) {
            throw new IllegalArgumentException("record " + key + ": signature is " + signature.length() + " chars, at most 256");
        }
    }

    public boolean tombstone() {
        return payload == null;
    }

    /** The typed payload; empty for a tombstone. */
    public <T> Optional<T> value(Class<T> type) {
        return tombstone() ? Optional.empty() : Optional.of(Json.read(payload, type));
    }

    /** The bytes an operator signs: every field but the signature, unambiguously framed. */
    public byte[] signedBytes() {
        StringBuilder sb = new StringBuilder(128 + (payload == null ? 0 : payload.length()));
        sb.append("mycelium-record-v1\n").append(key.kind().wireName()).append('\n')
                .append(key.owner().length()).append(':').append(key.owner()).append('\n')
                .append(key.name().length()).append(':').append(key.name()).append('\n')
                .append(version.major()).append('\n').append(version.minor()).append('\n')
                .append(version.tiebreak()).append('\n');
        if (payload == null) {
            sb.append("tombstone");
        } else {
            sb.append(payload.length()).append(':').append(payload);
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A 64-bit hash of the whole record (key, version, content, signature), for anti-entropy summaries. */
    public long contentHash() {
        MessageDigest sha = io.mycelium.spore.digest.Digest.newSha256();
        sha.update(signedBytes());
        sha.update(signature.getBytes(StandardCharsets.UTF_8));
        byte[] d = sha.digest();
        long h = 0;
        for (int i = 0; i < 8; i++) {
            h = (h << 8) | (d[i] & 0xff);
        }
        return h;
    }

    /**
     * The merge order: higher version first, then (for equal versions, which a correct writer never
     * produces) tombstone over value, then payload and signature text, so every node picks the same.
     */
    public int compareForMerge(FabricRecord other) {
        int c = version.compareTo(other.version);
        if (c != 0) {
            return c;
        }
        if (tombstone() != other.tombstone()) {
            return tombstone() ? 1 : -1;
        }
        if (!tombstone()) {
            c = payload.compareTo(other.payload);
            if (c != 0) {
                return c;
            }
        }
        return signature.compareTo(other.signature);
    }
}
