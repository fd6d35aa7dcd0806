package io.mycelium.fabric;

import io.mycelium.fabric.discovery.MdnsDiscovery;
import io.mycelium.fabric.discovery.PeerMemory;
import io.mycelium.fabric.membership.MemberInfo;
import io.mycelium.fabric.membership.MembershipEvent;
import io.mycelium.fabric.membership.ScaleCubeMembership;
import io.mycelium.fabric.metrics.FabricMetrics;
import io.mycelium.fabric.time.ThreadScheduler;
import io.mycelium.fabric.wire.Keyring;
import io.mycelium.fabric.wire.Sealer;
import io.mycelium.spore.key.TrustStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * A real fabric member: ScaleCube membership over TCP with every frame sealed by the cluster key,
 * the gossip thread, on-disk state and known peers, and (optionally) mDNS on one interface.
 */
public final class FabricNode implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(FabricNode.class.getName());

    /**
     * @param join static seeds ({@code --join host:port}), may be empty
     * @param mdnsInterface interface name or address for mDNS, or null for no mDNS
     * @param tuning the failure detector's tuning, or null for the one of the member's role ({@link ScaleCubeMembership.Tuning#of})
     */
    public record Options(FabricConfig config, Keyring keyring, TrustStore operators, List<InetSocketAddress> join,
                          String mdnsInterface, ScaleCubeMembership.Tuning tuning) {
        public Options {
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(keyring, "keyring");
            Objects.requireNonNull(operators, "operators");
            join = join == null ? List.of() : List.copyOf(join);
            tuning = tuning == null ? ScaleCubeMembership.Tuning.of(config.role()) : tuning;
            if (config.fabricPort() == 0) {
                throw new IllegalArgumentException("fabric port 0: give an explicit --fabric-port, peers must know it");
            }
        }
    }

    private final Fabric fabric;
    private final ThreadScheduler scheduler;
    private final MdnsDiscovery mdns;

    private FabricNode(Fabric fabric, ThreadScheduler scheduler, MdnsDiscovery mdns) {
        this.fabric = fabric;
        this.scheduler = scheduler;
        this.mdns = mdns;
    }

    public static FabricNode start(Options o) {
        FabricConfig c = o.config();
        FabricMetrics metrics = new FabricMetrics();
        MemberInfo self = new MemberInfo(c.cluster(), c.nodeId(), c.role(), c.host(), c.fabricPort(), c.apiPort());
        PeerMemory peers = c.dataDir() == null ? null : new PeerMemory(c.dataDir());
        List<InetSocketAddress> seeds = new ArrayList<>(o.join());
        if (peers != null) {
            seeds.addAll(peers.seeds());
        }
        Sealer sealer = new Sealer(o.keyring(), c.nodeId(), System.currentTimeMillis(), metrics);
        ScaleCubeMembership membership = new ScaleCubeMembership(self, seeds, sealer, metrics, o.tuning());
        ThreadScheduler scheduler = new ThreadScheduler("fabric-gossip",
                e -> LOG.warning("fabric-gossip: " + e));
        Fabric fabric = new Fabric(c, membership, scheduler, o.operators(), metrics);
        if (peers != null) {
            membership.addListener(e -> {
                // a console listens on a new free port each time it starts: not a seed worth keeping
                if (e.type() == MembershipEvent.Type.JOINED && e.member().role() != io.mycelium.fabric.model.Role.CONSOLE) {
                    peers.remember(e.member().host(), e.member().fabricPort());
                }
            });
        }
        MdnsDiscovery mdns = null;
        try {
            fabric.start();
            if (o.mdnsInterface() != null) {
                mdns = new MdnsDiscovery(self, MdnsDiscovery.resolveInterface(o.mdnsInterface()), peer -> {
                    metrics.increment("mdns_peers_resolved");
                    membership.addSeeds(List.of(MdnsDiscovery.fabricAddress(peer)));
                });
                mdns.start();
            }
        } catch (IOException e) {
            fabric.close();
            scheduler.close();
            throw new UncheckedIOException("mDNS on " + o.mdnsInterface() + " failed to start", e);
        } catch (RuntimeException e) {
            fabric.close();
            scheduler.close();
            throw e;
        }
        return new FabricNode(fabric, scheduler, mdns);
    }

    public Fabric fabric() {
        return fabric;
    }

    @Override
    public void close() {
        if (mdns != null) {
            mdns.close();
        }
        fabric.close();
        scheduler.close();
    }
}
