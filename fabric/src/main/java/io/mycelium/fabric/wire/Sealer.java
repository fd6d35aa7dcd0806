package io.mycelium.fabric.wire;

import io.mycelium.fabric.metrics.FabricMetrics;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals and opens fabric frames with the cluster key: AES-256-GCM, a fresh random 96-bit nonce per
 * frame, the header authenticated as associated data, and inside the ciphertext the sender's id,
 * epoch and sequence number for replay protection. A node without a key of the keyring can neither
 * read a frame nor make one that is accepted. Thread-safe.
 *
 * <pre>
 * frame = "MYC1" | key id (4) | nonce (12) | AES-GCM(sender len (1) | sender | epoch (8) | seq (8) | body) + tag (16)
 * </pre>
 */
public final class Sealer {
    private static final byte[] MAGIC = "MYC1".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = 4 + 4 + 12;
    private static final int TAG_BITS = 128;
    /** Largest frame accepted (body limit plus envelope). */
    public static final int MAX_FRAME = WireCodec.MAX_MESSAGE + 4096;

    /** An opened frame: who sent it and the body. */
    public record Opened(String sender, byte[] body) {
    }

    private final Keyring keyring;
    private final String self;
    private final byte[] selfBytes;
    private final long epoch;
    private final AtomicLong seq = new AtomicLong();
    private final ReplayWindow replay = new ReplayWindow();
    private final FabricMetrics metrics;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param self this node's id, put in every frame it seals
     * @param epoch grows with every start of this node (e.g. its incarnation)
     */
    public Sealer(Keyring keyring, String self, long epoch, FabricMetrics metrics) {
        this.keyring = Objects.requireNonNull(keyring, "keyring");
        this.self = Objects.requireNonNull(self, "self");
        this.selfBytes = self.getBytes(StandardCharsets.UTF_8);
        if (selfBytes.length > 255) {
            throw new IllegalArgumentException("node id '" + self + "' is longer than 255 bytes");
        }
        this.epoch = epoch;
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    public byte[] seal(byte[] body) {
        Keyring.ClusterKey key = keyring.primary();
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        ByteBuffer header = ByteBuffer.allocate(HEADER).put(MAGIC).putInt(key.id()).put(nonce);
        ByteBuffer plain = ByteBuffer.allocate(1 + selfBytes.length + 16 + body.length)
                .put((byte) selfBytes.length).put(selfBytes).putLong(epoch).putLong(seq.getAndIncrement()).put(body);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(header.array());
            byte[] ct = c.doFinal(plain.array());
            return ByteBuffer.allocate(HEADER + ct.length).put(header.array()).put(ct).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM sealing failed", e);
        }
    }

    /** Opens a frame, or counts it under {@code dropped_<reason>} and returns empty. */
    public Optional<Opened> openOrCount(byte[] frame) {
        try {
            return Optional.of(open(frame));
        } catch (MalformedMessageException e) {
            metrics.increment("dropped_" + e.reason());
            return Optional.empty();
        }
    }

    public Opened open(byte[] frame) throws MalformedMessageException {
        if (frame.length > MAX_FRAME) {
            throw new MalformedMessageException("oversized", "frame of " + frame.length + " bytes");
        }
        if (frame.length < HEADER + TAG_BITS / 8 + 1 + 16) {
            throw new MalformedMessageException("truncated", "frame of " + frame.length + " bytes is shorter than the envelope");
        }
        ByteBuffer in = ByteBuffer.wrap(frame);
        byte[] magic = new byte[4];
        in.get(magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new MalformedMessageException("malformed", "not a fabric frame");
        }
        int keyId = in.getInt();
        Keyring.ClusterKey key = keyring.find(keyId).orElseThrow(() ->
                new MalformedMessageException("wrong_key", "sealed with unknown key id " + Integer.toHexString(keyId)));
        byte[] nonce = new byte[12];
        in.get(nonce);
        byte[] plain;
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(frame, 0, HEADER);
            plain = c.doFinal(frame, HEADER, frame.length - HEADER);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new MalformedMessageException("wrong_key", "authentication tag does not verify");
        } catch (GeneralSecurityException e) {
            throw new MalformedMessageException("malformed", "cannot decrypt: " + e.getMessage());
        }
        ByteBuffer p = ByteBuffer.wrap(plain);
        try {
            int n = p.get() & 0xff;
            byte[] sender = new byte[n];
            p.get(sender);
            long ep = p.getLong();
            long sq = p.getLong();
            String from = new String(sender, StandardCharsets.UTF_8);
            if (!replay.accept(from, ep, sq)) {
                throw new MalformedMessageException("replayed", "frame " + sq + " of " + from + " seen before");
            }
            byte[] body = new byte[p.remaining()];
            p.get(body);
            return new Opened(from, body);
        } catch (BufferUnderflowException e) {
            throw new MalformedMessageException("truncated", "sealed header ends early");
        }
    }

    public String self() {
        return self;
    }
}
