package io.mycelium.spore.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * Writes a zip of STORED entries with sizes and CRC known up front (so no data descriptors), in the
 * exact shape {@link ZipFormat} describes. The caller supplies each entry's size and CRC and then
 * exactly that many bytes. Not thread-safe; one archive per instance.
 */
public final class ZipStoreWriter {
    private final OutputStream out;
    private final List<Cen> central = new ArrayList<>();
    private final byte[] header = new byte[ZipFormat.CEN_LEN];
    private long offset;

    private record Cen(byte[] name, int crc, long size, int mode, long offset, int method) {
    }

    public ZipStoreWriter(OutputStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    /** A whole entry from bytes in memory. */
    public void entry(String name, byte[] data, int unixMode) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(data);
        begin(name, data.length, (int) crc.getValue(), unixMode, ZipFormat.METHOD_STORED);
        write(data, 0, data.length);
    }

    /** An entry copied from {@code in}, which must yield exactly {@code size} bytes with this CRC. */
    public void entry(String name, long size, int crc, int unixMode, InputStream in, byte[] buffer) throws IOException {
        begin(name, size, crc, unixMode, ZipFormat.METHOD_STORED);
        long left = size;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("entry " + name + ": input ended " + left + " bytes early (did the file change while packing?)");
            }
            write(buffer, 0, n);
            left -= n;
        }
        if (in.read() >= 0) {
            throw new IOException("entry " + name + ": input is longer than " + size + " bytes (did the file change while packing?)");
        }
    }

    /**
     * Writes a local header; the caller then writes the data with {@link #write}. {@code method}
     * is recorded as given (tests use it to build archives the reader must refuse).
     */
    public void begin(String name, long size, int crc, int unixMode, int method) throws IOException {
        if (size > ZipFormat.MAX_ENTRY_BYTES) {
            throw new IOException("entry " + name + " is " + size + " bytes; a spore entry is at most " + ZipFormat.MAX_ENTRY_BYTES);
        }
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        central.add(new Cen(n, crc, size, unixMode, offset, method));
        int p = 0;
        p = le32(header, p, ZipFormat.LOC_SIG);
        p = le16(header, p, ZipFormat.VERSION_NEEDED);
        p = le16(header, p, ZipFormat.FLAG_UTF8);
        p = le16(header, p, method);
        p = le16(header, p, ZipFormat.DOS_TIME);
        p = le16(header, p, ZipFormat.DOS_DATE);
        p = le32(header, p, crc);
        p = le32(header, p, (int) size);
        p = le32(header, p, (int) size);
        p = le16(header, p, n.length);
        p = le16(header, p, 0);
        write(header, 0, p);
        write(n, 0, n.length);
    }

    /** Raw bytes: entry data after {@link #begin}. */
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        offset += len;
    }

    /** Writes the central directory and the end record; does not close the stream. */
    public void finish() throws IOException {
        long cenStart = offset;
        for (Cen c : central) {
            int p = 0;
            p = le32(header, p, ZipFormat.CEN_SIG);
            p = le16(header, p, ZipFormat.VERSION_MADE_BY);
            p = le16(header, p, ZipFormat.VERSION_NEEDED);
            p = le16(header, p, ZipFormat.FLAG_UTF8);
            p = le16(header, p, c.method);
            p = le16(header, p, ZipFormat.DOS_TIME);
            p = le16(header, p, ZipFormat.DOS_DATE);
            p = le32(header, p, c.crc);
            p = le32(header, p, (int) c.size);
            p = le32(header, p, (int) c.size);
            p = le16(header, p, c.name.length);
            p = le16(header, p, 0);
            p = le16(header, p, 0);
            p = le16(header, p, 0);
            p = le16(header, p, 0);
            p = le32(header, p, c.mode << 16);
            p = le32(header, p, (int) c.offset);
            write(header, 0, p);
            write(c.name, 0, c.name.length);
        }
        long cenSize = offset - cenStart;
        int p = 0;
        p = le32(header, p, ZipFormat.END_SIG);
        p = le16(header, p, 0);
        p = le16(header, p, 0);
        p = le16(header, p, central.size());
        p = le16(header, p, central.size());
        p = le32(header, p, (int) cenSize);
        p = le32(header, p, (int) cenStart);
        p = le16(header, p, 0);
        write(header, 0, p);
        out.flush();
    }

    static int le16(byte[] b, int p, int v) {
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >>> 8);
        return p + 2;
    }

    static int le32(byte[] b, int p, int v) {
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >>> 8);
        b[p + 2] = (byte) (v >>> 16);
        b[p + 3] = (byte) (v >>> 24);
        return p + 4;
    }
}
