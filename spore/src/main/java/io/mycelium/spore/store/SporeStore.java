package io.mycelium.spore.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.mycelium.spore.digest.Digest;

/**
 * A content-addressed store of spores: each is named by the sha256 of its bytes. Puts are atomic
 * and idempotent; readers never see a partial blob. Named refs (pins) and the digests a caller
 * passes to {@link #gc} are what keep a blob alive. Implementations are thread-safe.
 */
public interface SporeStore {
    /** Stores the file's bytes; returns their digest. Storing the same bytes again is a no-op. */
    Digest put(Path spore) throws IOException;

    /**
     * Streams {@code in} into the store, checking that its bytes hash to {@code expected} before
     * they become visible; a mismatch stores nothing and throws {@link DigestMismatchException}.
     */
    Digest put(InputStream in, Digest expected) throws IOException;

    boolean contains(Digest digest);

    /**
     * The blob's file. With {@code reverify}, its bytes are hashed first and a blob that no longer
     * matches its name throws {@link DigestMismatchException}. Missing: {@link SporeNotFoundException}.
     */
    Path get(Digest digest, boolean reverify) throws IOException;

    /**
     * Opens the blob for reading. With {@code reverify}, the stream hashes what it reads and throws
     * {@link DigestMismatchException} at the end if the bytes do not match the name.
     */
    InputStream open(Digest digest, boolean reverify) throws IOException;

    /** Every stored digest, sorted. */
    List<Digest> list() throws IOException;

    /** Removes a blob; false if it was not there. A blob that a ref names is refused. */
    boolean remove(Digest digest) throws IOException;

    /** Names {@code digest} with {@code ref} (replacing what the ref named), keeping it from gc. */
    void pin(String ref, Digest digest) throws IOException;

    /** Removes a ref; false if there was none. */
    boolean unpin(String ref) throws IOException;

    /** Every ref and the digest it names, sorted by ref. */
    Map<String, Digest> refs() throws IOException;

    /**
     * Removes every blob that no ref names and that is not in {@code inUse} (the agent passes the
     * digests its plans and instances need), and stale temporary files of interrupted puts.
     */
    GcResult gc(Set<Digest> inUse) throws IOException;
}
