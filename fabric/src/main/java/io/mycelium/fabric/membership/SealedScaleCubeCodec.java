package io.mycelium.fabric.membership;

import io.mycelium.fabric.wire.MalformedMessageException;
import io.mycelium.fabric.wire.Sealer;
import io.scalecube.cluster.transport.api.Message;
import io.scalecube.cluster.transport.api.MessageCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.Externalizable;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.util.List;
import java.util.Map;

/**
 * ScaleCube's message codec, replaced: messages are written through their own
 * {@code writeExternal} into a restricted {@link ObjectOutput} that only knows strings, byte
 * arrays, a fixed list of ScaleCube enums and a fixed list of ScaleCube {@link Externalizable}
 * classes, then sealed with the cluster key. Reading reverses it and instantiates only classes of
 * that list, so there is no Java deserialization of network input. A frame that does not open
 * (wrong key, replay, tampering, garbage) throws, and ScaleCube drops it.
 */
public final class SealedScaleCubeCodec implements MessageCodec {
    private static final List<String> EXTERNALIZABLE = List.of(
            "io.scalecube.cluster.transport.api.Message",
            "io.scalecube.cluster.Member",
            "io.scalecube.cluster.membership.MembershipRecord",
            "io.scalecube.cluster.membership.SyncData",
            "io.scalecube.cluster.fdetector.PingData",
            "io.scalecube.cluster.gossip.GossipRequest",
            "io.scalecube.cluster.gossip.Gossip",
            "io.scalecube.cluster.metadata.GetMetadataRequest",
            "io.scalecube.cluster.metadata.GetMetadataResponse");
    private static final List<String> ENUMS = List.of(
            "io.scalecube.cluster.membership.MemberStatus",
            "io.scalecube.cluster.fdetector.PingData$AckType");
    private static final int MAX_DEPTH = 12;

    private static final byte NULL = 0;
    private static final byte STRING = 1;
    private static final byte BYTES = 2;
    private static final byte ENUM = 3;
    private static final byte OBJECT = 4;

    private final Sealer sealer;
    private final java.util.function.Consumer<MalformedMessageException> dropped;

    public SealedScaleCubeCodec(Sealer sealer, java.util.function.Consumer<MalformedMessageException> dropped) {
        this.sealer = sealer;
        this.dropped = dropped;
    }

    @Override
    public void serialize(Message message, OutputStream stream) throws Exception {
        stream.write(sealer.seal(encode(message)));
    }

    @Override
    public Message deserialize(InputStream stream) throws Exception {
        byte[] frame = stream.readNBytes(Sealer.MAX_FRAME + 1);
        try {
            return decode(sealer.open(frame).body());
        } catch (MalformedMessageException e) {
            dropped.accept(e);
            throw new IOException("dropped fabric frame (" + e.reason() + "): " + e.getMessage());
        }
    }

    /** The plain encoding of a message (before sealing). */
    public static byte[] encode(Message message) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (Out out = new Out(new DataOutputStream(bytes))) {
            out.writeObject(message);
        }
        return bytes.toByteArray();
    }

    /** Decodes a plain encoding; anything unexpected is a {@link MalformedMessageException}. */
    public static Message decode(byte[] body) throws MalformedMessageException {
        In in = new In(new DataInputStream(new ByteArrayInputStream(body)), body.length);
        try {
            Object o = in.readObject();
            if (!(o instanceof Message m)) {
                throw new MalformedMessageException("malformed", "frame does not hold a message");
            }
            if (in.available() != 0) {
                throw new MalformedMessageException("malformed", "trailing bytes");
            }
            return m;
        } catch (EOFException e) {
            throw new MalformedMessageException("truncated", "message ends early");
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            throw new MalformedMessageException("malformed", "bad message: " + e.getMessage());
        }
    }

    private static final class Out implements ObjectOutput {
        private final DataOutputStream out;
        private int depth;

        Out(DataOutputStream out) {
            this.out = out;
        }

        @Override
        public void writeObject(Object obj) throws IOException {
            if (obj == null) {
                out.writeByte(NULL);
            } else if (obj instanceof String s) {
                out.writeByte(STRING);
                byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.writeInt(b.length);
                out.write(b);
            } else if (obj instanceof byte[] b) {
                out.writeByte(BYTES);
                out.writeInt(b.length);
                out.write(b);
            } else if (obj instanceof Enum<?> e && ENUMS.contains(e.getDeclaringClass().getName())) {
                out.writeByte(ENUM);
                out.writeByte(ENUMS.indexOf(e.getDeclaringClass().getName()));
                out.writeUTF(e.name());
            } else if (obj instanceof Externalizable x && EXTERNALIZABLE.contains(x.getClass().getName())) {
                if (++depth > MAX_DEPTH) {
                    throw new IOException("message nests deeper than " + MAX_DEPTH);
                }
                out.writeByte(OBJECT);
                out.writeByte(EXTERNALIZABLE.indexOf(x.getClass().getName()));
                x.writeExternal(this);
                depth--;
            } else {
                throw new IOException("refusing to encode " + obj.getClass().getName() + " (not on the fabric codec's list)");
            }
        }

        @Override public void write(int b) throws IOException { out.write(b); }
        @Override public void write(byte[] b) throws IOException { out.write(b); }
        @Override public void write(byte[] b, int off, int len) throws IOException { out.write(b, off, len); }
        @Override public void writeBoolean(boolean v) throws IOException { out.writeBoolean(v); }
        @Override public void writeByte(int v) throws IOException { out.writeByte(v); }
        @Override public void writeShort(int v) throws IOException { out.writeShort(v); }
        @Override public void writeChar(int v) throws IOException { out.writeChar(v); }
        @Override public void writeInt(int v) throws IOException { out.writeInt(v); }
        @Override public void writeLong(long v) throws IOException { out.writeLong(v); }
        @Override public void writeFloat(float v) throws IOException { out.writeFloat(v); }
        @Override public void writeDouble(double v) throws IOException { out.writeDouble(v); }
        @Override public void writeBytes(String s) throws IOException { out.writeBytes(s); }
        @Override public void writeChars(String s) throws IOException { out.writeChars(s); }
        @Override public void writeUTF(String s) throws IOException { out.writeUTF(s); }
        @Override public void flush() throws IOException { out.flush(); }
        @Override public void close() throws IOException { out.close(); }
    }

    private static final class In implements ObjectInput {
        private static final Map<String, Class<?>> CLASSES = load();
        private final DataInputStream in;
        private final int length;
        private int depth;

        In(DataInputStream in, int length) {
            this.in = in;
            this.length = length;
        }

        private static Map<String, Class<?>> load() {
            Map<String, Class<?>> m = new java.util.HashMap<>();
            for (String n : EXTERNALIZABLE) {
                m.put(n, forName(n));
            }
            for (String n : ENUMS) {
                m.put(n, forName(n));
            }
            return Map.copyOf(m);
        }

        private static Class<?> forName(String n) {
            try {
                return Class.forName(n, false, SealedScaleCubeCodec.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("ScaleCube class " + n + " is missing: wrong ScaleCube version on the class path", e);
            }
        }

        private int length(int max) throws IOException {
            int n = in.readInt();
            if (n < 0 || n > max || n > in.available()) {
                throw new IOException("length " + n + " out of range");
            }
            return n;
        }

        @Override
        public Object readObject() throws IOException, ClassNotFoundException {
            byte tag = in.readByte();
            switch (tag) {
                case NULL:
                    return null;
                case STRING: {
                    byte[] b = new byte[length(length)];
                    in.readFully(b);
                    return new String(b, java.nio.charset.StandardCharsets.UTF_8);
                }
                case BYTES: {
                    byte[] b = new byte[length(length)];
                    in.readFully(b);
                    return b;
                }
                case ENUM: {
                    int i = in.readUnsignedByte();
                    if (i >= ENUMS.size()) {
                        throw new IOException("unknown enum " + i);
                    }
                    String name = in.readUTF();
                    for (Object c : CLASSES.get(ENUMS.get(i)).getEnumConstants()) {
                        if (((Enum<?>) c).name().equals(name)) {
                            return c;
                        }
                    }
                    throw new IOException("unknown constant " + name);
                }
                case OBJECT: {
                    int i = in.readUnsignedByte();
                    if (i >= EXTERNALIZABLE.size()) {
                        throw new IOException("unknown class " + i);
                    }
                    if (++depth > MAX_DEPTH) {
                        throw new IOException("message nests deeper than " + MAX_DEPTH);
                    }
                    Externalizable x = instantiate(CLASSES.get(EXTERNALIZABLE.get(i)));
                    x.readExternal(this);
                    depth--;
                    return x;
                }
                default:
                    throw new IOException("unknown tag " + tag);
            }
        }

        private static Externalizable instantiate(Class<?> c) throws IOException {
            try {
                Constructor<?> k = c.getDeclaredConstructor();
                k.setAccessible(true);
                return (Externalizable) k.newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IOException("cannot create " + c.getName(), e);
            }
        }

        @Override public int read() throws IOException { return in.read(); }
        @Override public int read(byte[] b) throws IOException { return in.read(b); }
        @Override public int read(byte[] b, int off, int len) throws IOException { return in.read(b, off, len); }
        @Override public long skip(long n) throws IOException { return in.skip(n); }
        @Override public int available() throws IOException { return in.available(); }
        @Override public void close() throws IOException { in.close(); }
        @Override public void readFully(byte[] b) throws IOException { in.readFully(b); }
        @Override public void readFully(byte[] b, int off, int len) throws IOException { in.readFully(b, off, len); }
        @Override public int skipBytes(int n) throws IOException { return in.skipBytes(n); }
        @Override public boolean readBoolean() throws IOException { return in.readBoolean(); }
        @Override public byte readByte() throws IOException { return in.readByte(); }
        @Override public int readUnsignedByte() throws IOException { return in.readUnsignedByte(); }
        @Override public short readShort() throws IOException { return in.readShort(); }
        @Override public int readUnsignedShort() throws IOException { return in.readUnsignedShort(); }
        @Override public char readChar() throws IOException { return in.readChar(); }
        @Override public int readInt() throws IOException { return in.readInt(); }
        @Override public long readLong() throws IOException { return in.readLong(); }
        @Override public float readFloat() throws IOException { return in.readFloat(); }
        @Override public double readDouble() throws IOException { return in.readDouble(); }
        @Override @Deprecated public String readLine() throws IOException { throw new IOException("readLine is not supported"); }
        @Override public String readUTF() throws IOException { return in.readUTF(); }
    }
}
