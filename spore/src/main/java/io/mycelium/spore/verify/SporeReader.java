package io.mycelium.spore.verify;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.mycelium.spore.archive.ZipFormat;
import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.key.KeyId;
import io.mycelium.spore.key.TrustStore;
import io.mycelium.spore.manifest.Manifest;
import io.mycelium.spore.manifest.ManifestCodec;
import io.mycelium.spore.manifest.ManifestException;
import io.mycelium.spore.manifest.PayloadFile;
import io.mycelium.spore.manifest.PayloadPath;
import io.mycelium.spore.sign.Envelope;
import io.mycelium.spore.sign.EnvelopeException;

/**
 * Reads a spore in one streaming pass: the envelope first (its signature is checked against the
 * trust store before any payload byte is handed out), then each payload entry in manifest order,
 * hashed as it streams to the caller's {@link EntrySink}, then the central directory and end
 * record, which must agree with what was streamed. Any deviation throws
 * {@link SporeRejectedException}; a caller that wrote entries somewhere must discard them then.
 * Stateless; one instance may be shared by threads.
 */
public final class SporeReader {
    private static final int BUFFER = 1 << 20;

    /** Where the payload goes while it is being verified. */
    @FunctionalInterface
    public interface EntrySink {
        /**
         * Called once the entry's header matched the signed manifest, before its bytes stream;
         * returns where to write them, or null to only verify. The reader closes the stream.
         */
        OutputStream open(PayloadFile file) throws IOException;
    }

    private final SporeLimits limits;

    public SporeReader(SporeLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public SporeReader() {
        this(SporeLimits.DEFAULT);
    }

    /** Verifies {@code spore} against {@code trust}, streaming each entry to {@code sink}. */
    public VerifiedSpore read(Path spore, TrustStore trust, EntrySink sink) throws SporeRejectedException {
        Objects.requireNonNull(trust, "trust");
        try (InputStream in = open(spore)) {
            return new Pass(spore, in, limits).run(trust, sink);
        } catch (IOException e) {
            throw new SporeRejectedException(spore, RejectReason.IO_ERROR, "cannot read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Verifies a spore arriving as a stream (from a peer, say); {@code name} names it in messages.
     * The stream is read to the end of the archive (and one byte further, to reject trailing
     * data) but not closed.
     */
    public VerifiedSpore read(InputStream in, Path name, TrustStore trust, EntrySink sink) throws SporeRejectedException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(trust, "trust");
        try {
            return new Pass(name, in, limits).run(trust, sink);
        } catch (IOException e) {
            throw new SporeRejectedException(name, RejectReason.IO_ERROR, "cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** Reads the manifest and claimed signers without trusting them, and the file's digest. */
    public SporeInfo inspect(Path spore) throws SporeRejectedException {
        try (InputStream in = open(spore)) {
            Pass pass = new Pass(spore, in, limits);
            Envelope envelope = pass.readEnvelope();
            Manifest manifest = pass.parseManifest(envelope);
            return new SporeInfo(spore, manifest, envelope.payloadType(), envelope.claimedSigners(), Digest.ofFile(spore), Files.size(spore));
        } catch (IOException e) {
            throw new SporeRejectedException(spore, RejectReason.IO_ERROR, "cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static InputStream open(Path spore) throws SporeRejectedException, IOException {
        try {
            return Files.newInputStream(spore);
        } catch (NoSuchFileException e) {
            throw new SporeRejectedException(spore, RejectReason.IO_ERROR, "no such file");
        }
    }

    /** One reading of one archive: position, whole-file digest and what has been seen so far. */
    private static final class Pass {
        private final Path spore;
        private final InputStream in;
        private final SporeLimits limits;
        private final MessageDigest fileSha = Digest.newSha256();
        private final byte[] buf = new byte[BUFFER];
        private final byte[] hdr = new byte[ZipFormat.CEN_LEN];
        private final List<Local> locals = new ArrayList<>();
        private long pos;

        private record Local(String name, int method, int flags, int crc, long size, long offset) {
        }

        Pass(Path spore, InputStream in, SporeLimits limits) {
            this.spore = spore;
            this.in = in;
            this.limits = limits;
        }

        VerifiedSpore run(TrustStore trust, EntrySink sink) throws SporeRejectedException, IOException {
            Envelope envelope = readEnvelope();
            KeyId signer = checkSignature(envelope, trust);
            Manifest manifest = parseManifest(envelope);
            List<PayloadFile> entries = manifest.entries();
            if (entries.isEmpty()) {
                throw reject(RejectReason.BAD_MANIFEST, "manifest binds no files");
            }
            if (entries.size() > limits.maxEntries()) {
                throw reject(RejectReason.TOO_LARGE, "manifest binds " + entries.size() + " files, more than the " + limits.maxEntries() + " allowed");
            }
            long total = manifest.payloadBytes();
            if (total > limits.maxTotalBytes()) {
                throw reject(RejectReason.TOO_LARGE, "payload is " + total + " bytes, more than the " + limits.maxTotalBytes() + " allowed");
            }
            Set<String> bound = new HashSet<>();
            entries.forEach(f -> bound.add(f.path()));
            for (PayloadFile expected : entries) {
                readPayloadEntry(expected, bound, sink);
            }
            readCentralDirectory();
            return new VerifiedSpore(spore, manifest, envelope.payload(), signer, entries, Digest.of(fileSha));
        }

        Envelope readEnvelope() throws SporeRejectedException, IOException {
            int sig;
            try {
                readFully(hdr, 0, 4);
                sig = le32(hdr, 0);
            } catch (SporeRejectedException e) {
                throw reject(RejectReason.NOT_A_SPORE, "is not a spore (too short to be a zip archive)");
            }
            if (sig != ZipFormat.LOC_SIG) {
                throw reject(RejectReason.NOT_A_SPORE, "is not a spore (not a zip archive)");
            }
            Local local = readLocalHeader();
            if (!local.name.equals(ZipFormat.ENVELOPE_ENTRY)) {
                throw reject(RejectReason.NOT_A_SPORE, "is not a spore (first entry is '" + printable(local.name) + "', not " + ZipFormat.ENVELOPE_ENTRY + ")");
            }
            checkStored(local);
            if (local.size > Envelope.MAX_BYTES) {
                throw reject(RejectReason.TOO_LARGE, "envelope is " + local.size + " bytes, more than the " + Envelope.MAX_BYTES + " allowed");
            }
            byte[] json = new byte[(int) local.size];
            readFully(json, 0, json.length);
            try {
                return Envelope.parse(json, ZipFormat.ENVELOPE_ENTRY);
            } catch (EnvelopeException e) {
                throw reject(RejectReason.BAD_ENVELOPE, e.getMessage());
            }
        }

        KeyId checkSignature(Envelope envelope, TrustStore trust) throws SporeRejectedException {
            if (!ManifestCodec.MEDIA_TYPE.equals(envelope.payloadType())) {
                throw reject(RejectReason.WRONG_PAYLOAD_TYPE, "envelope payload type is '" + printable(envelope.payloadType()) + "', expected " + ManifestCodec.MEDIA_TYPE);
            }
            Optional<KeyId> signer = envelope.verifiedSigner(trust);
            if (signer.isPresent()) {
                return signer.get();
            }
            List<KeyId> claimed = envelope.claimedSigners();
            for (KeyId id : claimed) {
                if (trust.trusts(id)) {
                    throw reject(RejectReason.BAD_SIGNATURE, "signature by trusted key " + id.shortForm() + " does not verify (the manifest was changed after signing)");
                }
            }
            String who = claimed.isEmpty() ? "no key id" : "key " + claimed.get(0).shortForm();
            throw reject(RejectReason.UNTRUSTED_SIGNER, "signed by " + who + ", which is not in the trust store (add the publisher's .pub to it if you trust them)");
        }

        Manifest parseManifest(Envelope envelope) throws SporeRejectedException {
            if (envelope.payload().length > ManifestCodec.MAX_BYTES) {
                throw reject(RejectReason.TOO_LARGE, "manifest is " + envelope.payload().length + " bytes, more than the " + ManifestCodec.MAX_BYTES + " allowed");
            }
            try {
                return ManifestCodec.parse(envelope.payload(), "manifest");
            } catch (ManifestException e) {
                throw reject(RejectReason.BAD_MANIFEST, e.getMessage());
            }
        }

        private void readPayloadEntry(PayloadFile expected, Set<String> bound, EntrySink sink) throws SporeRejectedException, IOException {
            readFully(hdr, 0, 4);
            int sig = le32(hdr, 0);
            if (sig == ZipFormat.CEN_SIG) {
                throw reject(RejectReason.MISSING_ENTRY, "entry " + expected.path() + " is missing");
            }
            if (sig != ZipFormat.LOC_SIG) {
                throw reject(RejectReason.MALFORMED_ARCHIVE, "no entry header at offset " + (pos - 4));
            }
            Local local = readLocalHeader();
            String problem = PayloadPath.problem(local.name);
            if (problem != null && !local.name.equals(ZipFormat.ENVELOPE_ENTRY)) {
                throw reject(RejectReason.UNSAFE_PATH, "entry '" + printable(local.name) + "' " + problem);
            }
            if (seen(local.name)) {
                throw reject(RejectReason.DUPLICATE_ENTRY, "entry " + printable(local.name) + " appears twice");
            }
            if (!local.name.equals(expected.path())) {
                if (bound.contains(local.name)) {
                    throw reject(RejectReason.MALFORMED_ARCHIVE, "entry " + local.name + " is out of order (expected " + expected.path() + ")");
                }
                throw reject(RejectReason.UNEXPECTED_ENTRY, "entry " + printable(local.name) + " is not in the signed manifest");
            }
            checkStored(local);
            if (local.size != expected.size()) {
                throw reject(RejectReason.SIZE_MISMATCH, "entry " + local.name + " is " + local.size + " bytes, the manifest says " + expected.size());
            }
            if (local.size > limits.maxEntryBytes()) {
                throw reject(RejectReason.TOO_LARGE, "entry " + local.name + " is " + local.size + " bytes, more than the " + limits.maxEntryBytes() + " allowed");
            }
            locals.add(local);
            MessageDigest entrySha = Digest.newSha256();
            OutputStream out = sink == null ? null : sink.open(expected);
            try {
                long left = local.size;
                while (left > 0) {
                    int n = (int) Math.min(buf.length, left);
                    readFully(buf, 0, n);
                    entrySha.update(buf, 0, n);
                    if (out != null) {
                        out.write(buf, 0, n);
                    }
                    left -= n;
                }
            } finally {
                if (out != null) {
                    out.close();
                }
            }
            if (!Digest.of(entrySha).equals(expected.digest())) {
                throw reject(RejectReason.DIGEST_MISMATCH, "entry " + local.name + ": sha256 differs from the signed manifest (the file was changed or damaged)");
            }
        }

        private boolean seen(String name) {
            for (Local l : locals) {
                if (l.name.equals(name)) {
                    return true;
                }
            }
            return false;
        }

        private Local readLocalHeader() throws SporeRejectedException, IOException {
            long offset = pos - 4;
            readFully(hdr, 4, ZipFormat.LOC_LEN - 4);
            int flags = le16(hdr, 6);
            int method = le16(hdr, 8);
            int crc = le32(hdr, 14);
            long csize = le32(hdr, 18) & 0xFFFF_FFFFL;
            long usize = le32(hdr, 22) & 0xFFFF_FFFFL;
            int nameLen = le16(hdr, 26);
            int extraLen = le16(hdr, 28);
            if (nameLen == 0 || nameLen > ZipFormat.MAX_NAME_BYTES || extraLen > ZipFormat.MAX_EXTRA_BYTES) {
                throw reject(RejectReason.MALFORMED_ARCHIVE, "entry header at offset " + offset + " has a name of " + nameLen + " bytes and extra of " + extraLen);
            }
            byte[] nameBytes = new byte[nameLen];
            readFully(nameBytes, 0, nameLen);
            String name = utf8(nameBytes);
            skip(extraLen);
            if (csize != usize && method == ZipFormat.METHOD_STORED) {
                throw reject(RejectReason.MALFORMED_ARCHIVE, "entry " + printable(name) + " is stored but its sizes differ (" + csize + " vs " + usize + ")");
            }
            Local local = new Local(name, method, flags, crc, usize, offset);
            if (locals.isEmpty() && name.equals(ZipFormat.ENVELOPE_ENTRY)) {
                locals.add(local);
            }
            return local;
        }

        private void checkStored(Local local) throws SporeRejectedException {
            if (local.method != ZipFormat.METHOD_STORED) {
                throw reject(RejectReason.UNSUPPORTED_ENTRY, "entry " + printable(local.name) + " is compressed (method " + local.method + "); spore entries are stored, so nothing is ever inflated");
            }
            if ((local.flags & ~ZipFormat.FLAG_UTF8) != 0) {
                throw reject(RejectReason.UNSUPPORTED_ENTRY, "entry " + printable(local.name) + " has flags 0x" + Integer.toHexString(local.flags) + " (encryption or data descriptor); spores use neither");
            }
        }

        private void readCentralDirectory() throws SporeRejectedException, IOException {
            long cenStart = pos;
            readFully(hdr, 0, 4);
            int sig = le32(hdr, 0);
            if (sig == ZipFormat.LOC_SIG) {
                Local extra = readLocalHeader();
                String problem = PayloadPath.problem(extra.name);
                if (problem != null && !extra.name.equals(ZipFormat.ENVELOPE_ENTRY)) {
                    throw reject(RejectReason.UNSAFE_PATH, "entry '" + printable(extra.name) + "' " + problem);
                }
                if (seen(extra.name)) {
                    throw reject(RejectReason.DUPLICATE_ENTRY, "entry " + printable(extra.name) + " appears twice");
                }
                throw reject(RejectReason.UNEXPECTED_ENTRY, "entry " + printable(extra.name) + " is not in the signed manifest");
            }
            for (int i = 0; i < locals.size(); i++) {
                if (i > 0) {
                    readFully(hdr, 0, 4);
                    sig = le32(hdr, 0);
                }
                if (sig != ZipFormat.CEN_SIG) {
                    throw reject(RejectReason.MALFORMED_ARCHIVE, "central directory lists " + i + " entries, the archive has " + locals.size());
                }
                checkCentralEntry(locals.get(i));
            }
            long cenSize = pos - cenStart;
            readFully(hdr, 0, 4);
            sig = le32(hdr, 0);
            if (sig == ZipFormat.CEN_SIG) {
                throw reject(RejectReason.MALFORMED_ARCHIVE, "central directory lists more entries than the archive has");
            }
            if (sig != ZipFormat.END_SIG) {
                throw reject(RejectReason.MALFORMED_ARCHIVE, "no end record after the central directory (zip64 and split archives are not spores)");
            }
            readFully(hdr, 4, ZipFormat.END_LEN - 4);
            int disk = le16(hdr, 4);
            int cdDisk = le16(hdr, 6);
            int onDisk = le16(hdr, 8);
            int count = le16(hdr, 10);
            long size = le32(hdr, 12) & 0xFFFF_FFFFL;
            long offset = le32(hdr, 16) & 0xFFFF_FFFFL;
            int commentLen = le16(hdr, 20);
            if (disk != 0 || cdDisk != 0 || onDisk != locals.size() || count != locals.size() || size != cenSize || offset != cenStart || commentLen != 0) {
                throw reject(RejectReason.MALFORMED_ARCHIVE, "end record does not match the archive");
            }
            if (in.read() >= 0) {
                throw reject(RejectReason.MALFORMED_ARCHIVE, "has bytes after the end of the archive");
            }
        }

        private void checkCentralEntry(Local local) throws SporeRejectedException, IOException {
            readFully(hdr, 4, ZipFormat.CEN_LEN - 4);
            int flags = le16(hdr, 8);
            int method = le16(hdr, 10);
            int crc = le32(hdr, 16);
            long csize = le32(hdr, 20) & 0xFFFF_FFFFL;
            long usize = le32(hdr, 24) & 0xFFFF_FFFFL;
            int nameLen = le16(hdr, 28);
            int extraLen = le16(hdr, 30);
            int commentLen = le16(hdr, 32);
            int external = le32(hdr, 38);
            long offset = le32(hdr, 42) & 0xFFFF_FFFFL;
            if (nameLen == 0 || nameLen > ZipFormat.MAX_NAME_BYTES || extraLen > ZipFormat.MAX_EXTRA_BYTES || commentLen > ZipFormat.MAX_EXTRA_BYTES) {
                throw reject(RejectReason.MALFORMED_ARCHIVE, "central directory entry for " + printable(local.name) + " is malformed");
            }
            byte[] nameBytes = new byte[nameLen];
            readFully(nameBytes, 0, nameLen);
            String name = utf8(nameBytes);
            skip(extraLen + commentLen);
            int madeBy = le16(hdr, 4) >>> 8;
            int mode = external >>> 16;
            if (madeBy == 3 && (mode & ZipFormat.S_IFMT) == ZipFormat.S_IFLNK) {
                throw reject(RejectReason.SYMLINK_ENTRY, "entry " + printable(name) + " is a symbolic link; spores hold regular files only");
            }
            if ((madeBy == 3 && (mode & ZipFormat.S_IFMT) == ZipFormat.S_IFDIR) || (external & 0x10) != 0) {
                throw reject(RejectReason.UNSUPPORTED_ENTRY, "entry " + printable(name) + " is a directory; spores hold regular files only");
            }
            if (!name.equals(local.name) || method != local.method || flags != local.flags || crc != local.crc || csize != local.size || usize != local.size
                    || offset != local.offset) {
                throw reject(RejectReason.MALFORMED_ARCHIVE, "central directory entry " + printable(name) + " does not match the local entry " + printable(local.name));
            }
        }

        private void readFully(byte[] b, int off, int len) throws SporeRejectedException, IOException {
            int done = 0;
            while (done < len) {
                int n = in.read(b, off + done, len - done);
                if (n < 0) {
                    throw reject(RejectReason.TRUNCATED, "is truncated (ends at byte " + (pos + done) + ")");
                }
                done += n;
            }
            fileSha.update(b, off, len);
            pos += len;
        }

        private void skip(int len) throws SporeRejectedException, IOException {
            if (len > 0) {
                readFully(buf, 0, len);
            }
        }

        private String utf8(byte[] bytes) throws SporeRejectedException {
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                throw reject(RejectReason.UNSAFE_PATH, "an entry name is not valid UTF-8");
            }
        }

        private SporeRejectedException reject(RejectReason reason, String detail) {
            return new SporeRejectedException(spore, reason, detail);
        }
    }

    /** Control characters replaced, so a hostile name cannot break the one-line message. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 120; i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return b.toString();
    }

    private static int le16(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8;
    }

    private static int le32(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | (b[p + 3] & 0xFF) << 24;
    }

}
