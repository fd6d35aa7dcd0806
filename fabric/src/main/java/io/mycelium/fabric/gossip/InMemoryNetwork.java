package io.mycelium.fabric.gossip;

import io.mycelium.fabric.time.EventLoop;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A simulated network on an {@link EventLoop}: each message is delivered after a random latency
 * in [min, max] ms, lost with probability {@code loss}, and dropped between nodes on different
 * sides of a partition. Counts messages and bytes sent. Single-threaded, like the loop.
 */
public final class InMemoryNetwork {
    private final EventLoop loop;
    private final SplittableRandom random;
    private final Map<String, Transport.Receiver> receivers = new HashMap<>();
    private final Map<String, Integer> side = new HashMap<>();
    private final Set<String> down = new HashSet<>();
    private double loss;
    private final long latencyMinMs;
    private final long latencyMaxMs;
    private long messages;
    private long bytes;
    private long delivered;

    public InMemoryNetwork(EventLoop loop, long seed, double loss, long latencyMinMs, long latencyMaxMs) {
        if (loss < 0 || loss >= 1) {
            throw new IllegalArgumentException("loss " + loss + " must be in [0, 1)");
        }
        if (latencyMinMs < 0 || latencyMaxMs < latencyMinMs) {
            throw new IllegalArgumentException("latency range " + latencyMinMs + "-" + latencyMaxMs + " ms is invalid");
        }
        this.loop = loop;
        this.random = new SplittableRandom(seed);
        this.loss = loss;
        this.latencyMinMs = latencyMinMs;
        this.latencyMaxMs = latencyMaxMs;
    }

    /** A transport for a node on this network. */
    public Transport join(String id) {
        return new Transport() {
            @Override
            public String localId() {
                return id;
            }

            @Override
            public void send(String peer, byte[] message) {
                InMemoryNetwork.this.send(id, peer, message);
            }

            @Override
            public void receiver(Receiver receiver) {
                receivers.put(id, receiver);
            }
        };
    }

    private void send(String from, String to, byte[] message) {
        messages++;
        bytes += message.length;
        if (down.contains(from) || down.contains(to) || side.getOrDefault(from, 0) != side.getOrDefault(to, 0)) {
            return;
        }
        if (loss > 0 && random.nextDouble() < loss) {
            return;
        }
        long latency = latencyMinMs + (latencyMaxMs > latencyMinMs ? random.nextLong(latencyMaxMs - latencyMinMs + 1) : 0);
        byte[] copy = message.clone();
        loop.later(latency, () -> {
            Transport.Receiver r = receivers.get(to);
            if (r != null && !down.contains(to)) {
                delivered++;
                r.receive(from, copy);
            }
        });
    }

    /** Puts nodes on a numbered side; only nodes on the same side (default 0) can talk. */
    public void partition(Set<String> nodes, int sideNumber) {
        for (String n : nodes) {
            side.put(n, sideNumber);
        }
    }

    public void heal() {
        side.clear();
    }

    /** A crashed node sends and receives nothing until {@link #revive}. */
    public void crash(String node) {
        down.add(node);
    }

    public void revive(String node) {
        down.remove(node);
    }

    public void loss(double newLoss) {
        this.loss = newLoss;
    }

    public long messages() {
        return messages;
    }

    public long bytes() {
        return bytes;
    }

    public long delivered() {
        return delivered;
    }
}
