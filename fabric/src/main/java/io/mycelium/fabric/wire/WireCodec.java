package io.mycelium.fabric.wire;

import io.mycelium.fabric.model.RecordKind;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.fabric.state.RecordKey;
import io.mycelium.fabric.state.StateStore;
import io.mycelium.fabric.state.Version;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Binary encoding of {@link WireMessage}s: a type byte, then counted lists of length-prefixed UTF-8
 * strings and big-endian integers. Decoding checks every count and length against the bytes left
 * and the limits below, so truncated or hostile input fails fast with a reason, never allocates
 * more than the input could hold, and never runs Java deserialization.
 */
public final class WireCodec {
    /** Largest encoded message. */
    public static final int MAX_MESSAGE = 1 << 20;
    static final int MAX_ITEMS = 100_000;

    private static final byte PUSH = 1;
    private static final byte DIGEST_REQUEST = 2;
    private static final byte DIGEST_REPLY = 3;
    private static final byte DELTA = 4;
    private static final byte DELTA_LAST = 5;

    private WireCodec() {
    }

    public static byte[] encode(WireMessage m) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            switch (m) {
                case WireMessage.Push p -> {
                    out.writeByte(PUSH);
                    writeRecords(out, p.records());
                }
                case WireMessage.DigestRequest d -> {
                    out.writeByte(DIGEST_REQUEST);
                    for (long b : d.buckets()) {
                        out.writeLong(b);
                    }
                }
                case WireMessage.DigestReply r -> {
                    out.writeByte(DIGEST_REPLY);
                    out.writeInt(r.buckets().size());
                    for (int b : r.buckets()) {
                        out.writeByte(b);
                    }
                    out.writeInt(r.summaries().size());
                    for (StateStore.Summary s : r.summaries()) {
                        writeKey(out, s.key());
                        writeVersion(out, s.version());
                        out.writeLong(s.hash());
                    }
                }
                case WireMessage.Delta d -> {
                    out.writeByte(d.last() ? DELTA_LAST : DELTA);
                    writeRecords(out, d.records());
                    out.writeInt(d.wants().size());
                    for (RecordKey k : d.wants()) {
                        writeKey(out, k);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static WireMessage decode(byte[] data) throws MalformedMessageException {
        if (data.length > MAX_MESSAGE) {
            throw new MalformedMessageException("oversized", "message of " + data.length + " bytes exceeds " + MAX_MESSAGE);
        }
        ByteBuffer in = ByteBuffer.wrap(data);
        try {
            WireMessage m = switch (in.get()) {
                case PUSH -> new WireMessage.Push(readRecords(in));
                case DIGEST_REQUEST -> {
                    long[] b = new long[StateStore.BUCKETS];
                    for (int i = 0; i < b.length; i++) {
                        b[i] = in.getLong();
                    }
                    yield new WireMessage.DigestRequest(b);
                }
                case DIGEST_REPLY -> {
                    int nb = count(in, 1);
                    List<Integer> buckets = new ArrayList<>(nb);
                    for (int i = 0; i < nb; i++) {
                        int b = in.get() & 0xff;
                        if (b >= StateStore.BUCKETS) {
                            throw new MalformedMessageException("malformed", "bucket " + b + " out of range");
                        }
                        buckets.add(b);
                    }
                    int ns = count(in, 20);
                    List<StateStore.Summary> s = new ArrayList<>(ns);
                    for (int i = 0; i < ns; i++) {
                        s.add(new StateStore.Summary(readKey(in), readVersion(in), in.getLong()));
                    }
                    yield new WireMessage.DigestReply(buckets, s);
                }
                case DELTA, DELTA_LAST -> {
                    boolean last = data[0] == DELTA_LAST;
                    List<FabricRecord> records = readRecords(in);
                    int nw = count(in, 7);
                    List<RecordKey> wants = new ArrayList<>(nw);
                    for (int i = 0; i < nw; i++) {
                        wants.add(readKey(in));
                    }
                    yield new WireMessage.Delta(records, wants, last);
                }
                default -> throw new MalformedMessageException("malformed", "unknown message type " + data[0]);
            };
            if (in.hasRemaining()) {
                throw new MalformedMessageException("malformed", in.remaining() + " trailing bytes");
            }
            return m;
        } catch (BufferUnderflowException e) {
            throw new MalformedMessageException("truncated", "message ends early");
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new MalformedMessageException("malformed", "invalid content: " + e.getMessage());
        }
    }

    private static int count(ByteBuffer in, int minBytesEach) throws MalformedMessageException {
        int n = in.getInt();
        if (n < 0 || n > MAX_ITEMS) {
            throw new MalformedMessageException("malformed", "count " + n + " out of range");
        }
        if ((long) n * minBytesEach > in.remaining()) {
            throw new MalformedMessageException("truncated", "count " + n + " exceeds the bytes left");
        }
        return n;
    }

    private static void writeRecords(DataOutputStream out, List<FabricRecord> records) throws IOException {
        out.writeInt(records.size());
        for (FabricRecord r : records) {
            writeKey(out, r.key());
            writeVersion(out, r.version());
            if (r.payload() == null) {
                out.writeInt(-1);
            } else {
                writeBytes(out, r.payload().getBytes(StandardCharsets.UTF_8));
            }
            writeString(out, r.signature());
        }
    }

    private static List<FabricRecord> readRecords(ByteBuffer in) throws MalformedMessageException {
        int n = count(in, 27);
        List<FabricRecord> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            RecordKey key = readKey(in);
            Version v = readVersion(in);
            int len = in.getInt();
            String payload = len == -1 ? null : readString(in, len, FabricRecord.MAX_PAYLOAD * 4);
            String sig = readString(in, in.getInt(), 1024);
            out.add(new FabricRecord(key, v, payload, sig));
        }
        return out;
    }

    private static void writeKey(DataOutputStream out, RecordKey k) throws IOException {
        out.writeByte(k.kind().ordinal());
        writeString(out, k.owner());
        writeString(out, k.name());
    }

    private static RecordKey readKey(ByteBuffer in) throws MalformedMessageException {
        int kind = in.get() & 0xff;
        if (kind >= RecordKind.values().length) {
            throw new MalformedMessageException("malformed", "unknown record kind " + kind);
        }
        String owner = readString(in, in.getInt(), 1024);
        String name = readString(in, in.getInt(), 1024);
        return new RecordKey(RecordKind.values()[kind], owner, name);
    }

    private static void writeVersion(DataOutputStream out, Version v) throws IOException {
        out.writeLong(v.major());
        out.writeLong(v.minor());
        writeString(out, v.tiebreak());
    }

    private static Version readVersion(ByteBuffer in) throws MalformedMessageException {
        long major = in.getLong();
        long minor = in.getLong();
        return new Version(major, minor, readString(in, in.getInt(), 512));
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        writeBytes(out, s.getBytes(StandardCharsets.UTF_8));
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(ByteBuffer in, int len, int max) throws MalformedMessageException {
        if (len < 0 || len > max) {
            throw new MalformedMessageException("malformed", "string length " + len + " out of range");
        }
        if (len > in.remaining()) {
            throw new MalformedMessageException("truncated", "string of " + len + " bytes exceeds the bytes left");
        }
        ByteBuffer slice = in.slice(in.position(), len);
        in.position(in.position() + len);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(slice).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedMessageException("malformed", "string is not UTF-8");
        }
    }
}
