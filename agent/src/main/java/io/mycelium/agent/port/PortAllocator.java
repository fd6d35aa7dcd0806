package io.mycelium.agent.port;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.BitSet;
import java.util.Objects;

/**
 * Allocates instance ports from a range on one bind address. A port is free if this allocator has
 * not handed it out and a test bind on the address succeeds (a listener elsewhere, even on the
 * wildcard address, makes it fail). Thread-safe.
 */
public final class PortAllocator {
    private final InetAddress bindAddress;
    private final int first;
    private final int last;
    private final BitSet allocated = new BitSet();
    private int next;

    /**
     * @param bindAddress where instances listen
     * @param first       lowest port of the range, inclusive
     * @param last        highest port of the range, inclusive
     */
    public PortAllocator(InetAddress bindAddress, int first, int last) {
        this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
        if (first < 1 || last > 65535 || first > last) {
            throw new IllegalArgumentException("port range " + first + "-" + last + " must lie within 1-65535, low to high");
        }
        this.first = first;
        this.last = last;
        this.next = first;
    }

    public InetAddress bindAddress() {
        return bindAddress;
    }

    /** The next free port of the range, now reserved until {@link #release}. */
    public synchronized int allocate() throws PortInUseException {
        int size = last - first + 1;
        for (int i = 0; i < size; i++) {
            int port = first + (next - first + i) % size;
            if (!allocated.get(port) && canBind(bindAddress, port)) {
                allocated.set(port);
                next = port == last ? first : port + 1;
                return port;
            }
        }
        throw new PortInUseException("no free port in " + first + "-" + last + " on " + bindAddress.getHostAddress()
                + " (" + allocated.cardinality() + " allocated, the rest in use by other processes); widen the port range");
    }

    /** Reserves a port the plan asks for; fails with a message naming the port if it is taken. */
    public synchronized void reserve(int port) throws PortInUseException {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 1-65535");
        }
        if (allocated.get(port)) {
            throw new PortInUseException("port " + port + " on " + bindAddress.getHostAddress() + " is already given to another instance");
        }
        if (!canBind(bindAddress, port)) {
            throw new PortInUseException("port " + port + " on " + bindAddress.getHostAddress()
                    + " is in use by another process; stop it or choose another port");
        }
        allocated.set(port);
    }

    /** Marks a port as held without checking it: an adopted instance already listens on it. */
    public synchronized void markHeld(int port) {
        allocated.set(port);
    }

    public synchronized void release(int port) {
        allocated.clear(port);
    }

    public synchronized boolean isAllocated(int port) {
        return allocated.get(port);
    }

    /** True if a listening socket could be bound to the address and port right now. */
    public static boolean canBind(InetAddress address, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // a port in TIME_WAIT is free for a new listener
            socket.bind(new InetSocketAddress(address, port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
