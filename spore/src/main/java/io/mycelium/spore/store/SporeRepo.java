package io.mycelium.spore.store;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.time.Clock;

/**
 * A {@link SporeStore} in a directory:
 * <pre>
 *   blobs/sha256/&lt;hex&gt;   the spores, read-only, named by the sha256 of their bytes
 *   refs/&lt;name&gt;          one line {@code sha256:<hex>}: a pin that keeps a blob from gc
 *   tmp/                  puts in progress
 * </pre>
 * A put writes into {@code tmp/} while hashing, syncs the file, renames it to its blob name and
 * syncs the directory, so a crash leaves either the whole blob or a stray temp file that
 * {@link #gc} removes once it is older than {@link #STALE_TEMP}. Concurrent puts of the same bytes
 * each rename a complete copy over the other, which is harmless. Within one JVM, gc excludes puts
 * (a read-write lock); across processes, run gc only when no put is in flight.
 */
public final class SporeRepo implements SporeStore {
    /** Temp files older than this are leftovers of interrupted puts. */
    public static final Duration STALE_TEMP = Duration.ofHours(1);
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern REF = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}");
    private static final int BUFFER = 1 << 20;

    private final Path root;
    private final Path blobs;
    private final Path refsDir;
    private final Path tmp;
    private final Clock clock;
    private final ReadWriteLock gcLock = new ReentrantReadWriteLock();

    private SporeRepo(Path root, Clock clock) throws IOException {
        this.root = root;
        this.blobs = root.resolve("blobs").resolve("sha256");
        this.refsDir = root.resolve("refs");
        this.tmp = root.resolve("tmp");
        this.clock = Objects.requireNonNull(clock, "clock");
        Files.createDirectories(blobs);
        Files.createDirectories(refsDir);
        Files.createDirectories(tmp);
    }

    /** Opens (creating if needed) the repo in {@code root}. */
    public static SporeRepo open(Path root) throws IOException {
        return open(root, Clock.SYSTEM);
    }

    /** Opens the repo with an injected clock (it only ages temp files for gc). */
    public static SporeRepo open(Path root, Clock clock) throws IOException {
        Objects.requireNonNull(root, "root");
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new IOException(root + ": repo is not a directory");
        }
        return new SporeRepo(root, clock);
    }

    public Path root() {
        return root;
    }

    @Override
    public Digest put(Path spore) throws IOException {
        try (InputStream in = Files.newInputStream(spore)) {
            return store(in, null, spore.toString());
        }
    }

    @Override
    public Digest put(InputStream in, Digest expected) throws IOException {
        Objects.requireNonNull(expected, "expected");
        return store(in, expected, "spore " + expected.shortForm());
    }

    private Digest store(InputStream in, Digest expected, String what) throws IOException {
        gcLock.readLock().lock();
        try {
            Path temp = Files.createTempFile(tmp, "put-", ".tmp");
            try {
                MessageDigest sha = Digest.newSha256();
                try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                    byte[] buf = new byte[BUFFER];
                    for (int n; (n = in.read(buf)) >= 0; ) {
                        sha.update(buf, 0, n);
                        ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
                        while (b.hasRemaining()) {
                            out.write(b);
                        }
                    }
                    out.force(true);
                }
                Digest digest = Digest.of(sha);
                if (expected != null && !expected.equals(digest)) {
                    throw new DigestMismatchException(what, expected, digest);
                }
                Path blob = blobPath(digest);
                if (!Files.exists(blob)) {
                    setReadOnly(temp);
                    move(temp, blob);
                    syncDirectory(blobs);
                }
                return digest;
            } finally {
                Files.deleteIfExists(temp);
            }
        } finally {
            gcLock.readLock().unlock();
        }
    }

    @Override
    public boolean contains(Digest digest) {
        return Files.isRegularFile(blobPath(digest));
    }

    @Override
    public Path get(Digest digest, boolean reverify) throws IOException {
        Path blob = existing(digest);
        if (reverify) {
            Digest actual = Digest.ofFile(blob);
            if (!actual.equals(digest)) {
                throw new DigestMismatchException(blob.toString(), digest, actual);
            }
        }
        return blob;
    }

    @Override
    public InputStream open(Digest digest, boolean reverify) throws IOException {
        Path blob = existing(digest);
        InputStream in = Files.newInputStream(blob);
        return reverify ? new VerifyingStream(in, digest, blob.toString()) : in;
    }

    @Override
    public List<Digest> list() throws IOException {
        try (Stream<Path> files = Files.list(blobs)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> HEX64.matcher(n).matches()).sorted().map(Digest::new).toList();
        }
    }

    @Override
    public boolean remove(Digest digest) throws IOException {
        gcLock.writeLock().lock();
        try {
            for (Map.Entry<String, Digest> ref : refs().entrySet()) {
                if (ref.getValue().equals(digest)) {
                    throw new IOException(root + ": spore " + digest + " is pinned by ref '" + ref.getKey() + "'; unpin it first");
                }
            }
            boolean removed = Files.deleteIfExists(blobPath(digest));
            if (removed) {
                syncDirectory(blobs);
            }
            return removed;
        } finally {
            gcLock.writeLock().unlock();
        }
    }

    @Override
    public void pin(String ref, Digest digest) throws IOException {
        checkRef(ref);
        existing(digest);
        Path temp = Files.createTempFile(tmp, "ref-", ".tmp");
        try {
            Files.writeString(temp, digest + "\n", StandardCharsets.US_ASCII);
            try (FileChannel c = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                c.force(true);
            }
            move(temp, refsDir.resolve(ref));
            syncDirectory(refsDir);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public boolean unpin(String ref) throws IOException {
        checkRef(ref);
        return Files.deleteIfExists(refsDir.resolve(ref));
    }

    @Override
    public Map<String, Digest> refs() throws IOException {
        Map<String, Digest> refs = new TreeMap<>();
        try (Stream<Path> files = Files.list(refsDir)) {
            for (Path p : files.toList()) {
                String name = p.getFileName().toString();
                if (!REF.matcher(name).matches()) {
                    continue;
                }
                String text = Files.readString(p, StandardCharsets.US_ASCII).trim();
                try {
                    refs.put(name, Digest.parse(text));
                } catch (IllegalArgumentException e) {
                    throw new IOException(p + ": ref is not a digest (" + e.getMessage() + "); fix or delete the file");
                }
            }
        }
        return refs;
    }

    @Override
    public GcResult gc(Set<Digest> inUse) throws IOException {
        Objects.requireNonNull(inUse, "inUse");
        gcLock.writeLock().lock();
        try {
            Set<Digest> live = new java.util.HashSet<>(inUse);
            live.addAll(refs().values());
            List<Digest> removed = new ArrayList<>();
            List<Digest> kept = new ArrayList<>();
            long freed = 0;
            for (Digest d : list()) {
                if (live.contains(d)) {
                    kept.add(d);
                } else {
                    Path blob = blobPath(d);
                    long size = Files.size(blob);
                    if (Files.deleteIfExists(blob)) {
                        removed.add(d);
                        freed += size;
                    }
                }
            }
            removeStaleTemps();
            syncDirectory(blobs);
            return new GcResult(removed, kept, freed);
        } finally {
            gcLock.writeLock().unlock();
        }
    }

    private void removeStaleTemps() throws IOException {
        long cutoff = clock.millis() - STALE_TEMP.toMillis();
        try (Stream<Path> files = Files.list(tmp)) {
            for (Path p : files.toList()) {
                if (Files.getLastModifiedTime(p).toMillis() < cutoff) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** The path a blob has (or would have). */
    public Path blobPath(Digest digest) {
        return blobs.resolve(digest.hex());
    }

    private Path existing(Digest digest) throws IOException {
        Path blob = blobPath(digest);
        if (!Files.isRegularFile(blob)) {
            throw new SporeNotFoundException(root, digest);
        }
        return blob;
    }

    private void checkRef(String ref) {
        if (ref == null || !REF.matcher(ref).matches()) {
            throw new IllegalArgumentException("ref name '" + ref + "' must be 1-128 letters, digits, '.', '_', '@', '+' or '-', starting with a letter or digit");
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            // another put of the same bytes won the rename: the blob is complete either way
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException(to + ": the file system cannot rename atomically; put the repo on a local file system", e);
        }
    }

    private static void setReadOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
        } catch (UnsupportedOperationException e) {
            file.toFile().setReadOnly();
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel c = FileChannel.open(dir, StandardOpenOption.READ)) {
            c.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // some platforms cannot open a directory; the rename is still atomic there
        }
    }

    /** Hashes what is read and fails at the end of the stream if the bytes do not match. */
    private static final class VerifyingStream extends FilterInputStream {
        private final MessageDigest sha = Digest.newSha256();
        private final Digest expected;
        private final String what;
        private boolean checked;

        VerifyingStream(InputStream in, Digest expected, String what) {
            super(in);
            this.expected = expected;
            this.what = what;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                sha.update((byte) c);
            } else {
                check();
            }
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                sha.update(b, off, n);
            } else if (n < 0) {
                check();
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            throw new IOException("a verifying stream cannot skip");
        }

        private void check() throws IOException {
            if (!checked) {
                checked = true;
                Digest actual = Digest.of(sha);
                if (!actual.equals(expected)) {
                    throw new DigestMismatchException(what, expected, actual);
                }
            }
        }
    }
}
