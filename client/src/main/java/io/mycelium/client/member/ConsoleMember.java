package io.mycelium.client.member;

import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.Fabric;
import io.mycelium.fabric.FabricChange;
import io.mycelium.fabric.FabricConfig;
import io.mycelium.fabric.gossip.GossipConfig;
import io.mycelium.fabric.FabricNode;
import io.mycelium.fabric.SubmitResult;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.fabric.model.Role;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.fabric.state.OperatorRecords;
import io.mycelium.fabric.state.RecordKey;
import io.mycelium.fabric.wire.Keyring;
import io.mycelium.spore.key.SigningKey;
import io.mycelium.spore.key.TrustStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A console's seat in the fabric: a member of role {@code console} that holds the cluster key,
 * sees the replicated state as a typed {@link ClusterView}, hears every change, and submits
 * operator records it signs. It never runs workloads (placement only counts agents), keeps nothing
 * on disk, and keeps showing its side of a partition. Thread-safe; listeners run on the fabric's
 * gossip thread and must not block.
 */
public final class ConsoleMember implements AutoCloseable {
    /**
     * How to join.
     *
     * @param nodeId        this console's member id (see {@link #defaultNodeId()})
     * @param bind          the address to listen on and advertise (127.0.0.1 for a local cluster)
     * @param fabricPort    the fabric port, 0 for a free one
     * @param join          static seeds, may be empty when mDNS finds the agents
     * @param mdnsInterface the interface (name or address) to browse on with mDNS, or null for none
     */
    public record Options(String cluster, String nodeId, Keyring keyring, TrustStore operators, String bind, int fabricPort,
                          List<InetSocketAddress> join, String mdnsInterface) {
        public Options {
            Objects.requireNonNull(cluster, "cluster");
            Objects.requireNonNull(nodeId, "nodeId");
            Objects.requireNonNull(keyring, "keyring");
            Objects.requireNonNull(operators, "operators");
            Objects.requireNonNull(bind, "bind");
            join = join == null ? List.of() : List.copyOf(join);
            if (join.isEmpty() && mdnsInterface == null) {
                throw new IllegalArgumentException("console " + nodeId + " has no way to find the cluster: give seeds or an mDNS interface");
            }
        }
    }

    private final Fabric fabric;
    private final AutoCloseable owner;

    /**
     * A console is a leaf of the gossip: the agents spread every record among themselves and send
     * a console each record they publish once; a console relays nothing it receives and pushes its
     * own records once a second (its submits leave within that); anti-entropy keeps the default
     * period, so a console that joins late, or missed a record, catches up as fast as an agent.
     * An idle console then costs less CPU beside the agents (docs/BENCHMARKS.md, "Terminal
     * console: idle CPU and memory"). Its failure detector is lighter too
     * ({@code ScaleCubeMembership.Tuning.CONSOLE}, chosen by the role).
     */
    static final GossipConfig GOSSIP = GossipConfig.DEFAULT.withInterval(1_000).withForwardOnReceipt(false).withRelay(false);

    private ConsoleMember(Fabric fabric, AutoCloseable owner) {
        if (fabric.config().role() != Role.CONSOLE) {
            throw new IllegalArgumentException("member " + fabric.nodeId() + " has role " + fabric.config().role().wireName()
                    + "; a console member must have role console");
        }
        this.fabric = fabric;
        this.owner = owner;
    }

    /** Joins the cluster over the network (ScaleCube, sealed with the cluster key), and mDNS if asked. */
    public static ConsoleMember join(Options o) {
        int port = o.fabricPort() == 0 ? freePort(o.bind()) : o.fabricPort();
        FabricConfig config = FabricConfig.builder(o.cluster(), o.nodeId(), Role.CONSOLE, o.bind(), port).gossip(GOSSIP).build();
        FabricNode node = FabricNode.start(new FabricNode.Options(config, o.keyring(), o.operators(), o.join(), o.mdnsInterface(), null));
        return new ConsoleMember(node.fabric(), node);
    }

    /** A console over a started fabric of role console (an in-memory one, in simulations and tests); closing it closes the fabric. */
    public static ConsoleMember over(Fabric fabric) {
        return new ConsoleMember(Objects.requireNonNull(fabric, "fabric"), fabric);
    }

    /** {@code console-<host>-<pid>}: distinct for two consoles on one machine, stable while the process lives. */
    public static String defaultNodeId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "host";
        }
        String clean = host.replaceAll("[^A-Za-z0-9._-]", "-");
        String id = "console-" + (clean.isEmpty() ? "host" : clean) + "-" + ProcessHandle.current().pid();
        return id.length() > 63 ? id.substring(0, 63) : id;
    }

    public String nodeId() {
        return fabric.nodeId();
    }

    /** The fabric port this console listens on. */
    public int fabricPort() {
        return fabric.config().fabricPort();
    }

    /** An immutable snapshot of members and records, as this console sees them now. */
    public ClusterView view() {
        return fabric.view();
    }

    /** Calls {@code listener} on every change (a record applied, a member joined or left) until the returned handle is closed. */
    public AutoCloseable onChange(Consumer<FabricChange> listener) {
        Objects.requireNonNull(listener, "listener");
        fabric.addListener(listener);
        return () -> fabric.removeListener(listener);
    }

    /** A hybrid logical clock reading of this member, for the clock fields of the payloads it signs (rollout commands). */
    public long hlcNow() {
        return fabric.hlcNow();
    }

    /**
     * Signs {@code payload} (a plan, budget or rollout command) with {@code operator} at the next
     * revision of its app's record, and submits it here; it spreads from this console by gossip.
     */
    public SubmitResult submit(SigningKey operator, Object payload, String app) {
        long revision = revision(RecordKind.of(payload), app) + 1;
        return fabric.submit(OperatorRecords.sign(operator, payload, app, revision, fabric.hlcNow()));
    }

    /** Signs and submits the deletion of an app's operator record of {@code kind} at the next revision. */
    public SubmitResult delete(SigningKey operator, RecordKind kind, String app) {
        long revision = revision(kind, app) + 1;
        return fabric.submit(OperatorRecords.signDelete(operator, kind, app, revision, fabric.hlcNow()));
    }

    private long revision(RecordKind kind, String app) {
        return fabric.view().record(RecordKey.operator(kind, app)).map(FabricRecord::version).map(v -> v.major()).orElse(0L);
    }

    private static int freePort(String bind) {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(bind))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free fabric port on " + bind, e);
        }
    }

    /** Leaves the cluster. */
    @Override
    public void close() {
        try {
            owner.close();
        } catch (Exception e) {
            throw new IllegalStateException("console " + nodeId() + " did not leave cleanly: " + e.getMessage(), e);
        }
    }
}
