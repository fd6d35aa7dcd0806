package io.mycelium.agent.hyphae;

import io.mycelium.edge.route.AppEndpoints;
import io.mycelium.edge.route.Endpoint;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.model.HyphaeInfo;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.fabric.state.FabricRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The routing decision of a hyphae router, as pure functions of the edge's snapshot of an app
 * (which endpoints, which revision split: the same for every edge and router) and of the view's
 * node records. Only the address changes: a caller on this node reaches an instance on this node
 * directly and any other instance through its node's overlay listener.
 */
public final class HyphaeRoutes {

    private HyphaeRoutes() {
    }

    /**
     * Who owns each endpoint, and where each live node's router takes calls from other routers.
     *
     * @param ownerOf instance id to the node that published its endpoint
     * @param routers node id to its overlay listener (live nodes with a {@code hyphae} record that
     *                carries an identity key: the overlay is mutual TLS, a router without a key cannot speak it)
     */
    public record Nodes(Map<String, String> ownerOf, Map<String, HyphaeInfo> routers) {
        public Nodes {
            ownerOf = Map.copyOf(ownerOf);
            routers = Map.copyOf(routers);
        }
    }

    /** The owners and routers in {@code view}. */
    public static Nodes nodes(ClusterView view) {
        Map<String, String> owners = new HashMap<>();
        for (FabricRecord r : view.records(RecordKind.ENDPOINT)) {
            if (!r.tombstone()) {
                owners.put(r.key().name(), r.key().owner());
            }
        }
        Map<String, HyphaeInfo> routers = new HashMap<>();
        for (FabricRecord r : view.records(RecordKind.HYPHAE)) {
            if (!r.tombstone() && view.isLive(r.key().owner())) {
                view.value(r, HyphaeInfo.class).filter(h -> h.key() != null).ifPresent(h -> routers.put(r.key().owner(), h));
            }
        }
        return new Nodes(owners, routers);
    }

    /**
     * What a workload on node {@code self} may be routed to: its node's instances at their own
     * address, other nodes' instances through their node's router (a hop); an instance whose node
     * has no router is left out (nothing on this node could reach it).
     */
    public static AppEndpoints forCallers(AppEndpoints app, String self, Nodes nodes) {
        List<Endpoint> out = new ArrayList<>(app.endpoints().size());
        for (Endpoint e : app.endpoints()) {
            String owner = nodes.ownerOf().get(e.id());
            if (self.equals(owner)) {
                out.add(e);
            } else if (owner != null) {
                HyphaeInfo router = nodes.routers().get(owner);
                if (router != null) {
                    out.add(e.via(router.host(), router.port()));
                }
            }
        }
        return app.withEndpoints(out);
    }

    /** What a call delivered by another node's router may go to: this node's own instances only. */
    public static AppEndpoints forPeers(AppEndpoints app, String self, Nodes nodes) {
        List<Endpoint> out = new ArrayList<>();
        for (Endpoint e : app.endpoints()) {
            if (self.equals(nodes.ownerOf().get(e.id()))) {
                out.add(e);
            }
        }
        return app.withEndpoints(out);
    }
}
