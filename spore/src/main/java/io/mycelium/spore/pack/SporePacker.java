package io.mycelium.spore.pack;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.zip.CRC32;

import io.mycelium.spore.archive.ZipFormat;
import io.mycelium.spore.archive.ZipStoreWriter;
import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.key.SigningKey;
import io.mycelium.spore.manifest.Manifest;
import io.mycelium.spore.manifest.ManifestCodec;
import io.mycelium.spore.manifest.PayloadFile;
import io.mycelium.spore.manifest.PayloadPath;
import io.mycelium.spore.manifest.Sbom;
import io.mycelium.spore.sign.Envelope;

/**
 * Packs files into a signed spore. Each file is read twice: once to bind it (sha256, size, CRC)
 * into the manifest, which is then signed, and once to copy it into the archive; the copy is
 * checked against the first reading, so a file that changes in between fails the pack instead of
 * producing a spore that will never verify. The spore is written to a temporary file, synced and
 * renamed, so {@code outDir} never holds a partial spore. Thread-safe (no shared state).
 */
public final class SporePacker {
    private static final int BUFFER = 1 << 20;

    private SporePacker() {
    }

    /** Packs {@code files} (the first is the executable) without an SBOM. */
    public static PackedSpore pack(Manifest template, List<Path> files, SigningKey key, Path outDir) throws IOException {
        return pack(template, files, null, key, outDir);
    }

    /**
     * Packs {@code files} into {@code outDir/<name>-<version>.spore}. Each file is stored under its
     * file name; the first is the executable and becomes {@code runtime.command}. {@code sbom}, if
     * not null, is a CycloneDX file bound the same way. Any {@code files} in the template are
     * replaced; its other fields, including unknown ones, are signed as they are.
     */
    public static PackedSpore pack(Manifest template, List<Path> files, Path sbom, SigningKey key, Path outDir) throws IOException {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(outDir, "outDir");
        if (files == null || files.isEmpty()) {
            throw new IllegalArgumentException("a spore needs at least one file (the executable)");
        }
        byte[] buffer = new byte[BUFFER];
        List<PayloadFile> bound = new ArrayList<>();
        List<Integer> crcs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            bound.add(bind(f, i == 0 || Files.isExecutable(f), names, buffer, crcs));
        }
        Sbom boundSbom = null;
        if (sbom != null) {
            boundSbom = new Sbom(bind(sbom, false, names, buffer, crcs));
        }
        String command = bound.get(0).path();
        String wanted = template.runtime().command();
        if (wanted != null && !wanted.isEmpty() && !wanted.equals(command)) {
            throw new IllegalArgumentException("manifest runtime.command is '" + wanted + "' but the first file (the executable) is '" + command
                    + "'; put that file first or clear runtime.command");
        }
        Manifest manifest = template.withFiles(bound, boundSbom, template.runtime().withCommand(command));
        byte[] manifestBytes = ManifestCodec.write(manifest);
        byte[] envelope = Envelope.sign(ManifestCodec.MEDIA_TYPE, manifestBytes, key).toJson();

        List<Path> sources = new ArrayList<>(files);
        if (sbom != null) {
            sources.add(sbom);
        }
        Files.createDirectories(outDir);
        Path target = outDir.resolve(manifest.identity().name() + "-" + manifest.identity().version() + ZipFormat.EXTENSION);
        Path temp = Files.createTempFile(outDir, "." + target.getFileName(), ".tmp");
        try {
            Digest digest = write(temp, envelope, manifest.entries(), sources, crcs, buffer);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return new PackedSpore(target, digest, manifest);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static PayloadFile bind(Path file, boolean executable, Set<String> names, byte[] buffer, List<Integer> crcs) throws IOException {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        String problem = PayloadPath.problem(name);
        if (problem != null) {
            throw new IllegalArgumentException(file + ": file name '" + name + "' " + problem + "; rename it");
        }
        if (!names.add(name)) {
            throw new IllegalArgumentException(file + ": another file is also named '" + name + "'; payload file names must differ");
        }
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "not a regular file");
        }
        MessageDigest sha = Digest.newSha256();
        CRC32 crc = new CRC32();
        long size = 0;
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
                crc.update(buffer, 0, n);
                size += n;
            }
        }
        if (size > ZipFormat.MAX_ENTRY_BYTES) {
            throw new IllegalArgumentException(file + " is " + size + " bytes; a spore file is at most " + ZipFormat.MAX_ENTRY_BYTES);
        }
        crcs.add((int) crc.getValue());
        return new PayloadFile(name, Digest.of(sha), size, executable);
    }

    private static Digest write(Path temp, byte[] envelope, List<PayloadFile> entries, List<Path> sources, List<Integer> crcs, byte[] buffer)
            throws IOException {
        MessageDigest sha = Digest.newSha256();
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream out = new DigestOutputStream(new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel), 1 << 16), sha);
            ZipStoreWriter zip = new ZipStoreWriter(out);
            zip.entry(ZipFormat.ENVELOPE_ENTRY, envelope, ZipFormat.S_IFREG | 0644);
            for (int i = 0; i < entries.size(); i++) {
                PayloadFile f = entries.get(i);
                try (InputStream in = new CheckedCopy(Files.newInputStream(sources.get(i)), crcs.get(i), sources.get(i))) {
                    zip.entry(f.path(), f.size(), crcs.get(i), ZipFormat.S_IFREG | (f.executable() ? 0755 : 0644), in, buffer);
                }
            }
            zip.finish();
            out.flush();
            channel.force(true);
        }
        return Digest.of(sha);
    }

    /**
     * Re-checks a file's CRC while it is copied and fails at its end if it changed since it was
     * bound (a CRC, not a second sha256: this catches a file rewritten during the pack, cheaply).
     */
    private static final class CheckedCopy extends java.io.FilterInputStream {
        private final CRC32 crc = new CRC32();
        private final int expectedCrc;
        private final Path source;
        private boolean checked;

        CheckedCopy(InputStream in, int expectedCrc, Path source) {
            super(in);
            this.expectedCrc = expectedCrc;
            this.source = source;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                crc.update(b, off, n);
            } else if (n < 0) {
                check();
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                crc.update(c);
            } else {
                check();
            }
            return c;
        }

        private void check() throws IOException {
            if (!checked) {
                checked = true;
                if ((int) crc.getValue() != expectedCrc) {
                    throw new IOException(source + " changed while it was being packed; pack again");
                }
            }
        }
    }
}
