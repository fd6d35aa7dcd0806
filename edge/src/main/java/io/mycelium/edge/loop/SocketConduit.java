package io.mycelium.edge.loop;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * A plain TCP connection as a {@link Conduit}: reads, writes and interest go straight to the
 * socket and its selection key.
 */
public final class SocketConduit implements Conduit, EventLoop.Handler {

    private final SocketChannel channel;
    private SelectionKey key;
    private Owner owner;
    private boolean connecting;
    private int ops;

    private SocketConduit(SocketChannel channel, Owner owner, boolean connecting, int ops) {
        this.channel = channel;
        this.owner = owner;
        this.connecting = connecting;
        this.ops = ops;
    }

    /**
     * Registers a connected non-blocking {@code channel} with {@code loop}, or one whose connect
     * is pending ({@code connecting}: the owner is told when it completes).
     */
    public static SocketConduit register(EventLoop loop, SocketChannel channel, boolean connecting, int ops, Owner owner)
            throws IOException {
        int first = connecting ? SelectionKey.OP_CONNECT : ops;
        SocketConduit c = new SocketConduit(channel, owner, connecting, first);
        c.key = loop.register(channel, first, c);
        return c;
    }

    @Override
    public void ready(SelectionKey k) {
        if (k.isValid()) {
            owner.ready(k.readyOps());
        }
    }

    @Override
    public void owner(Owner next) {
        owner = next;
    }

    @Override
    public void interest(int wanted) {
        if (wanted != ops && key.isValid()) {
            key.interestOps(wanted);
            ops = wanted;
        }
    }

    @Override
    public boolean connecting() {
        return connecting;
    }

    @Override
    public boolean finishConnect() throws IOException {
        if (channel.finishConnect()) {
            connecting = false;
            return true;
        }
        return false;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return channel.read(dst);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return channel.write(src);
    }

    @Override
    public void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() {
        key.cancel();
        try {
            channel.close();
        } catch (IOException e) {
            // gone either way
        }
    }
}
