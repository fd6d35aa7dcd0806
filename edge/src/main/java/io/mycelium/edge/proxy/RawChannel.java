package io.mycelium.edge.proxy;

import io.helidon.common.socket.HelidonSocket;
import io.helidon.common.socket.NioSocket;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.channels.SocketChannel;

/**
 * The plain {@link SocketChannel} under a Helidon {@link NioSocket}, so that the edge's loop reads
 * into and writes from its own buffers: {@link NioSocket#get()} allocates an array per read and
 * {@link NioSocket#write} copies every write into a buffer of its own first. Only an exact
 * {@code NioSocket} (plain TCP; a TLS socket is a subclass and keeps Helidon's path) qualifies;
 * where the field cannot be reached (other Helidon version, module boundaries) the caller keeps
 * using the {@link HelidonSocket} API.
 */
final class RawChannel {

    private static final VarHandle DELEGATE = delegateHandle();

    private RawChannel() {
    }

    private static VarHandle delegateHandle() {
        try {
            return MethodHandles.privateLookupIn(NioSocket.class, MethodHandles.lookup())
                    .findVarHandle(NioSocket.class, "delegate", SocketChannel.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** The blocking channel under {@code socket}, or null when the Helidon API must be used. */
    static SocketChannel of(HelidonSocket socket) {
        if (DELEGATE == null || socket == null || socket.getClass() != NioSocket.class) {
            return null;
        }
        Object channel = DELEGATE.get(socket);
        if (channel instanceof SocketChannel ch && ch.isBlocking()) {
            return ch;
        }
        return null;
    }
}
