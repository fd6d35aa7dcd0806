package io.mycelium.fabric.membership;

import io.mycelium.fabric.gossip.Transport;
import io.mycelium.fabric.metrics.FabricMetrics;
import io.mycelium.fabric.model.Json;
import io.mycelium.fabric.wire.Sealer;
import io.scalecube.cluster.Cluster;
import io.scalecube.cluster.ClusterConfig;
import io.scalecube.cluster.ClusterImpl;
import io.scalecube.cluster.ClusterMessageHandler;
import io.scalecube.cluster.Member;
import io.scalecube.cluster.metadata.MetadataCodec;
import io.scalecube.cluster.transport.api.Message;
import io.scalecube.transport.netty.tcp.TcpTransportFactory;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * SWIM membership and failure detection on ScaleCube cluster, with every frame sealed by the
 * cluster key ({@link SealedScaleCubeCodec}) and our own metadata codec (the member's
 * {@link MemberInfo} as JSON). Members of other clusters are kept apart by the ScaleCube namespace
 * (the cluster name). Fabric messages travel on the same TCP transport under their own qualifier.
 */
public final class ScaleCubeMembership implements Membership {
    private static final Logger LOG = Logger.getLogger(ScaleCubeMembership.class.getName());
    private static final String QUALIFIER = "mycelium/fabric";
    private static final String FROM = "mf-from";

    /**
     * Failure-detector and dissemination tuning of one member. Members of one cluster may differ:
     * each pings, syncs and gossips at its own pace and answers others' pings at once.
     *
     * @param gossipIntervalMs period of ScaleCube's membership gossip (suspicions, refutations, joins)
     */
    public record Tuning(int pingIntervalMs, int pingTimeoutMs, int pingReqMembers, int suspicionMult, int syncIntervalMs,
                         int gossipIntervalMs) {
        /** Agents and edges: a killed member is removed in about 2 s on a LAN of 5. */
        public static final Tuning LAN = new Tuning(500, 350, 2, 1, 1_000, 100);

        /**
         * A console needs the state, not fast failure detection: the agents and edges detect
         * failures and gossip them, and it still answers their pings at once (so it is not
         * suspected more than an agent). It pings one member every 2 s, syncs the member table
         * every 10 s and runs membership gossip every 200 ms (a refutation of a suspicion of
         * itself still leaves well within the agents' suspicion timeout). An idle console then
         * costs less CPU (docs/BENCHMARKS.md, "Terminal console: idle CPU and memory").
         */
        public static final Tuning CONSOLE = new Tuning(2_000, 500, 2, 2, 10_000, 200);

        public Tuning {
            if (pingIntervalMs < 50 || pingTimeoutMs < 10 || pingTimeoutMs >= pingIntervalMs || pingReqMembers < 0
                    || suspicionMult < 1 || syncIntervalMs < 100 || gossipIntervalMs < 10) {
                throw new IllegalArgumentException("failure detector tuning out of range: ping every " + pingIntervalMs
                        + " ms, timeout " + pingTimeoutMs + " ms (must be below the interval), suspicion x" + suspicionMult
                        + ", sync every " + syncIntervalMs + " ms (>= 100), gossip every " + gossipIntervalMs + " ms (>= 10)");
            }
        }

        /** The tuning of a member of {@code role}: {@link #CONSOLE} for consoles, {@link #LAN} for the others. */
        public static Tuning of(io.mycelium.fabric.model.Role role) {
            return role == io.mycelium.fabric.model.Role.CONSOLE ? CONSOLE : LAN;
        }
    }

    private final MemberInfo self;
    private final List<InetSocketAddress> seeds;
    private final Sealer sealer;
    private final FabricMetrics metrics;
    private final Tuning tuning;
    private final List<Consumer<MembershipEvent>> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, MemberInfo> byId = new ConcurrentHashMap<>();
    private final Map<String, Member> scMembers = new ConcurrentHashMap<>();
    private volatile Transport.Receiver receiver = (from, bytes) -> { };
    private volatile Cluster cluster;
    private volatile List<String> extraSeeds;

    public ScaleCubeMembership(MemberInfo self, List<InetSocketAddress> seeds, Sealer sealer, FabricMetrics metrics, Tuning tuning) {
        this.self = Objects.requireNonNull(self, "self");
        this.seeds = List.copyOf(seeds);
        this.sealer = Objects.requireNonNull(sealer, "sealer");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.tuning = Objects.requireNonNull(tuning, "tuning");
    }

    private static final class InfoCodec implements MetadataCodec {
        @Override
        public Object deserialize(ByteBuffer buffer) {
            if (buffer == null || !buffer.hasRemaining()) {
                return null;
            }
            byte[] b = new byte[buffer.remaining()];
            buffer.duplicate().get(b);
            return new String(b, StandardCharsets.UTF_8);
        }

        @Override
        public ByteBuffer serialize(Object metadata) {
            return metadata == null ? null : ByteBuffer.wrap(((String) metadata).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void start() {
        List<String> seedAddresses = new ArrayList<>();
        for (InetSocketAddress s : seeds) {
            seedAddresses.add(s.getHostString() + ":" + s.getPort());
        }
        SealedScaleCubeCodec codec = new SealedScaleCubeCodec(sealer, e -> metrics.increment("dropped_" + e.reason()));
        ClusterConfig config = ClusterConfig.defaultLanConfig()
                .memberId(self.id())
                .memberAlias(self.id())
                .externalHost(self.host())
                .externalPort(self.fabricPort())
                .metadata(Json.write(self))
                .metadataCodec(new InfoCodec())
                .metadataTimeout(3_000)
                .transport(t -> t.port(self.fabricPort()).messageCodec(codec).maxFrameLength(Sealer.MAX_FRAME).connectTimeout(1_000))
                .failureDetector(f -> f.pingInterval(tuning.pingIntervalMs()).pingTimeout(tuning.pingTimeoutMs())
                        .pingReqMembers(tuning.pingReqMembers()))
                .membership(m -> m.seedMembers(seedAddresses).namespace(self.cluster()).syncInterval(tuning.syncIntervalMs())
                        .syncTimeout(Math.min(3_000, Math.max(1_000, tuning.syncIntervalMs()))).suspicionMult(tuning.suspicionMult()))
                .gossip(g -> g.gossipInterval(tuning.gossipIntervalMs()));
        cluster = new ClusterImpl(config)
                .transportFactory(TcpTransportFactory::new)
                .handler(c -> new Handler())
                .startAwait();
        makeSeedsMutable();
    }

    private final class Handler implements ClusterMessageHandler {
        @Override
        public void onMessage(Message message) {
            if (QUALIFIER.equals(message.qualifier()) && message.data() instanceof byte[] bytes) {
                String from = message.header(FROM);
                if (from != null) {
                    receiver.receive(from, bytes);
                }
            }
        }

        @Override
        public void onMembershipEvent(io.scalecube.cluster.membership.MembershipEvent event) {
            MemberInfo info = infoOf(event);
            if (info == null) {
                return;
            }
            MembershipEvent.Type type;
            if (event.isAdded()) {
                type = MembershipEvent.Type.JOINED;
                byId.put(info.id(), info);
                scMembers.put(info.id(), event.member());
            } else if (event.isRemoved()) {
                type = MembershipEvent.Type.REMOVED;
                byId.remove(info.id());
                scMembers.remove(info.id());
            } else if (event.isLeaving()) {
                type = MembershipEvent.Type.LEAVING;
            } else {
                type = MembershipEvent.Type.UPDATED;
                byId.put(info.id(), info);
                scMembers.put(info.id(), event.member());
            }
            LOG.info("fabric " + self.id() + ": member " + info.id() + " " + type.name().toLowerCase(java.util.Locale.ROOT)
                    + " (" + info.address() + ")");
            MembershipEvent e = new MembershipEvent(type, info, event.timestamp());
            for (Consumer<MembershipEvent> l : listeners) {
                l.accept(e);
            }
        }
    }

    private MemberInfo infoOf(io.scalecube.cluster.membership.MembershipEvent event) {
        ByteBuffer md = event.newMetadata() != null ? event.newMetadata() : event.oldMetadata();
        try {
            String json = (String) new InfoCodec().deserialize(md);
            MemberInfo info = json == null ? null : Json.read(json, MemberInfo.class);
            if (info != null && info.cluster().equals(self.cluster())) {
                return info;
            }
        } catch (RuntimeException e) {
            metrics.increment("dropped_malformed");
        }
        MemberInfo known = byId.get(event.member().id());
        return known;
    }

    /**
     * ScaleCube reads its seed list at every membership sync but offers no way to extend it. We swap
     * the list for a concurrent one, so that peers found later (mDNS, saved peers) are synced with
     * and separately formed clusters merge. If this ScaleCube version is built differently, discovery
     * still works for nodes that start after a peer was found.
     */
    @SuppressWarnings("unchecked")
    private void makeSeedsMutable() {
        try {
            Field membershipField = ClusterImpl.class.getDeclaredField("membership");
            membershipField.setAccessible(true);
            Object protocol = membershipField.get(cluster);
            Field seedsField = protocol.getClass().getDeclaredField("seedMembers");
            seedsField.setAccessible(true);
            List<String> list = new CopyOnWriteArrayList<>((List<String>) seedsField.get(protocol));
            seedsField.set(protocol, list);
            extraSeeds = list;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warning("fabric: cannot extend ScaleCube's seed list (" + e + "); discovered peers are used at the next start");
        }
    }

    @Override
    public void addSeeds(Collection<InetSocketAddress> newSeeds) {
        List<String> list = extraSeeds;
        if (list == null) {
            return;
        }
        for (InetSocketAddress s : newSeeds) {
            String a = s.getHostString() + ":" + s.getPort();
            if (!a.equals(self.address()) && !list.contains(a)) {
                list.add(a);
            }
        }
    }

    @Override
    public MemberInfo self() {
        return self;
    }

    @Override
    public List<MemberInfo> others() {
        return List.copyOf(byId.values());
    }

    @Override
    public void addListener(Consumer<MembershipEvent> listener) {
        listeners.add(listener);
    }

    @Override
    public Transport transport() {
        return new Transport() {
            @Override
            public String localId() {
                return self.id();
            }

            @Override
            public void send(String peer, byte[] message) {
                Cluster c = cluster;
                Member m = scMembers.get(peer);
                if (c == null || m == null) {
                    return;
                }
                Message msg = Message.builder().qualifier(QUALIFIER).header(FROM, self.id()).data(message).build();
                c.transport().send(m.address(), msg).subscribe(v -> { }, err -> metrics.increment("send_failures"));
            }

            @Override
            public void receiver(Receiver r) {
                receiver = r;
            }
        };
    }

    public Optional<String> address() {
        Cluster c = cluster;
        return c == null ? Optional.empty() : Optional.of(c.address());
    }

    @Override
    public void close() {
        Cluster c = cluster;
        if (c != null) {
            c.shutdown();
            c.onShutdown().block(java.time.Duration.ofSeconds(5));
        }
    }
}
