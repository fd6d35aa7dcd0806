package io.mycelium.edge.loop;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;

/**
 * One non-blocking connection as a connection's code sees it on its event loop: bytes in and out
 * ({@link #read}, {@link #write}), the events its {@link Owner} wants ({@link #interest}) and is
 * told about ({@link Owner#ready}). A plain socket ({@link SocketConduit}) passes both straight
 * through; a TLS one ({@code edge.tls.TlsConduit}) handshakes, encrypts and decrypts in between,
 * so the proxy code is the same for both. Not thread-safe: its loop's thread only.
 */
public interface Conduit extends ByteChannel {

    /** Reacts to the connection being ready; runs on the loop's thread. */
    @FunctionalInterface
    interface Owner {
        /**
         * @param readyOps which of {@link java.nio.channels.SelectionKey#OP_READ},
         *                 {@code OP_WRITE} and {@code OP_CONNECT} are ready now
         */
        void ready(int readyOps);
    }

    /** Hands the connection's events to {@code next} from now on. */
    void owner(Owner next);

    /** The events the owner wants to be told about (a system call only when they change). */
    void interest(int ops);

    /** Whether the TCP connect of an outgoing connection has not completed yet. */
    boolean connecting();

    /** Completes a pending TCP connect; false while it is still in progress. */
    boolean finishConnect() throws IOException;

    /**
     * Reads what has arrived into {@code dst}.
     *
     * @return the bytes read; 0 when nothing is there yet; -1 at end of stream
     */
    @Override
    int read(ByteBuffer dst) throws IOException;

    /** Sends what the connection takes of {@code src} without blocking; returns the bytes taken. */
    @Override
    int write(ByteBuffer src) throws IOException;

    /** No more output: what was taken is still sent, then the peer sees the end of the stream. */
    void shutdownOutput() throws IOException;

    /** Closes the connection at once (idempotent). */
    @Override
    void close();

    /** Whether the connection carries TLS. */
    default boolean secure() {
        return false;
    }
}
