package io.mycelium.edge.proxy;

import io.helidon.common.socket.HelidonSocket;
import io.helidon.common.socket.NioSocket;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.channels.SocketChannel;

/**
 * The plain {@link SocketChannel} under a Helidon {@link NioSocket}: the socket Helidon accepted
 * is handed to the edge's event loops as this channel. Only an exact {@code NioSocket} (plain
 * TCP; a TLS socket is a subclass) qualifies. Helidon keeps the channel in a private field;
 * {@link #available()} says whether this Helidon version lets it be reached, and the edge refuses
 * to start where it does not.
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

    /** Whether the channel under a Helidon socket can be reached. */
    static boolean available() {
        return DELEGATE != null;
    }

    /** The blocking channel under {@code socket}, or null when there is none to be had. */
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
