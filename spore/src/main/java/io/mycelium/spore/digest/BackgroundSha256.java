package io.mycelium.spore.digest;

import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A sha256 computed on its own thread, so that a reader that must hash the same bytes twice (each
 * payload entry, and the whole spore for its digest) can use two cores. The first MiB is hashed
 * inline (small spores need no thread); after that {@link #update} copies the bytes into 1 MiB
 * chunks and hands full chunks to the {@code spore-sha256} thread through a small bounded queue,
 * so memory stays at a few MiB and the order of bytes is kept. Used by one thread at a time;
 * {@link #close} (also after a failure) stops the hashing thread.
 */
public final class BackgroundSha256 implements AutoCloseable {
    private static final int CHUNK = 1 << 20;
    private static final int CHUNKS = 4;

    private record Chunk(byte[] bytes, int length) {
    }

    private static final Chunk END = new Chunk(new byte[0], -1);

    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(CHUNKS);
    private final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(CHUNKS + 1);
    private final MessageDigest sha = Digest.newSha256();
    private Thread thread;
    private int allocated;
    private long inline;
    private byte[] current;
    private int used;
    private Digest result;
    private volatile RuntimeException failure;

    public BackgroundSha256() {
    }

    private void hashLoop() {
        try {
            while (true) {
                Chunk c = full.take();
                if (c == END) {
                    return;
                }
                sha.update(c.bytes(), 0, c.length());
                free.put(c.bytes());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    /** Adds bytes (copied, so the caller may reuse {@code b} at once). */
    public void update(byte[] b, int off, int len) {
        if (thread == null) {
            if (inline + len <= CHUNK) {
                sha.update(b, off, len);
                inline += len;
                return;
            }
            // from here on the thread owns sha: handing chunks through the queue orders the updates
            thread = Thread.ofPlatform().daemon().name("spore-sha256").start(this::hashLoop);
        }
        while (len > 0) {
            if (current == null) {
                current = take();
                used = 0;
            }
            int n = Math.min(len, CHUNK - used);
            System.arraycopy(b, off, current, used, n);
            used += n;
            off += n;
            len -= n;
            if (used == CHUNK) {
                hand(new Chunk(current, used));
                current = null;
            }
        }
    }

    /** Waits for the hashing thread and returns the digest of every byte added. */
    public Digest finish() {
        if (result == null) {
            if (current != null && used > 0) {
                hand(new Chunk(current, used));
                current = null;
            }
            if (thread == null) {
                result = Digest.of(sha);
                return result;
            }
            hand(END);
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while hashing", e);
            }
            if (failure != null) {
                throw failure;
            }
            result = Digest.of(sha);
        }
        return result;
    }

    @Override
    public void close() {
        if (result == null && thread != null) {
            thread.interrupt();
        }
    }

    private byte[] take() {
        try {
            if (free.isEmpty() && allocated < CHUNKS) {
                allocated++;
                return new byte[CHUNK];
            }
            byte[] b;
            while ((b = free.poll(100, TimeUnit.MILLISECONDS)) == null) {
                checkAlive();
            }
            return b;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hashing", e);
        }
    }

    private void hand(Chunk c) {
        try {
            while (!full.offer(c, 100, TimeUnit.MILLISECONDS)) {
                checkAlive();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hashing", e);
        }
    }

    private void checkAlive() {
        if (!thread.isAlive()) {
            throw failure != null ? failure : new IllegalStateException("the hashing thread stopped");
        }
    }
}
