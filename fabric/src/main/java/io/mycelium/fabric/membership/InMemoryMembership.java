package io.mycelium.fabric.membership;

import io.mycelium.fabric.gossip.InMemoryNetwork;
import io.mycelium.fabric.gossip.Transport;
import io.mycelium.fabric.time.EventLoop;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Perfect membership on a simulated network, for the simulator and single-JVM tests: a
 * {@link Registry} knows every live member and tells all of them at once (after a detection delay)
 * when one joins or dies. Single-threaded, like the {@link EventLoop} it runs on.
 */
public final class InMemoryMembership implements Membership {
    /** The shared view of a simulated cluster. */
    public static final class Registry {
        private final EventLoop loop;
        private final InMemoryNetwork network;
        private final long detectionMs;
        private final Map<String, InMemoryMembership> live = new LinkedHashMap<>();

        public Registry(EventLoop loop, InMemoryNetwork network, long detectionMs) {
            this.loop = loop;
            this.network = network;
            this.detectionMs = detectionMs;
        }

        public InMemoryMembership member(MemberInfo info) {
            return new InMemoryMembership(this, info, network.join(info.id()));
        }

        /** Simulates a crash: the network drops its traffic, and the others remove it after the detection delay. */
        public void crash(String id) {
            network.crash(id);
            InMemoryMembership m = live.remove(id);
            if (m != null) {
                loop.later(detectionMs, () -> broadcast(MembershipEvent.Type.REMOVED, m.self, null));
            }
        }

        private void broadcast(MembershipEvent.Type type, MemberInfo info, InMemoryMembership except) {
            for (InMemoryMembership m : new ArrayList<>(live.values())) {
                if (m != except) {
                    m.fire(new MembershipEvent(type, info, loop.now()));
                }
            }
        }
    }

    private final Registry registry;
    private final MemberInfo self;
    private final Transport transport;
    private final List<Consumer<MembershipEvent>> listeners = new CopyOnWriteArrayList<>();

    private InMemoryMembership(Registry registry, MemberInfo self, Transport transport) {
        this.registry = registry;
        this.self = self;
        this.transport = transport;
    }

    @Override
    public void start() {
        registry.network.revive(self.id());
        for (InMemoryMembership m : registry.live.values()) {
            fire(new MembershipEvent(MembershipEvent.Type.JOINED, m.self, registry.loop.now()));
        }
        registry.live.put(self.id(), this);
        registry.loop.later(registry.detectionMs / 4, () -> registry.broadcast(MembershipEvent.Type.JOINED, self, this));
    }

    private void fire(MembershipEvent e) {
        for (Consumer<MembershipEvent> l : listeners) {
            l.accept(e);
        }
    }

    @Override
    public MemberInfo self() {
        return self;
    }

    @Override
    public List<MemberInfo> others() {
        List<MemberInfo> out = new ArrayList<>();
        for (InMemoryMembership m : registry.live.values()) {
            if (m != this) {
                out.add(m.self);
            }
        }
        return out;
    }

    @Override
    public void addListener(Consumer<MembershipEvent> listener) {
        listeners.add(listener);
    }

    @Override
    public void addSeeds(Collection<InetSocketAddress> seeds) {
        // every member of the registry already knows every other
    }

    @Override
    public Transport transport() {
        return transport;
    }

    @Override
    public void close() {
        if (registry.live.remove(self.id()) != null) {
            registry.broadcast(MembershipEvent.Type.LEAVING, self, this);
            registry.broadcast(MembershipEvent.Type.REMOVED, self, this);
        }
        registry.network.crash(self.id());
    }
}
