package io.mycelium.client.rows;

import io.mycelium.client.api.ApiDocuments.InstanceRow;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.model.EndpointRecord;
import io.mycelium.fabric.model.InstanceRecord;
import io.mycelium.fabric.model.NodeInfo;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.fabric.state.FabricRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Instance rows from the fabric's instance records: the process id of every instance from its
 * record, the port from its endpoint record, and, for the instances of the member that builds the
 * rows (an agent), its supervisor's fresher details.
 */
public final class InstanceRows {
    private InstanceRows() {
    }

    /** Instances on live members, optionally of one app and/or on one node (null for all), in record order. */
    public static List<InstanceRow> of(ClusterView view, String app, String node) {
        return of(view, app, node, List.of());
    }

    /**
     * As {@link #of(ClusterView, String, String)}, with {@code supervised} (instances of
     * {@code view.self()}) replacing what their records say.
     */
    public static List<InstanceRow> of(ClusterView view, String app, String node, List<SupervisedInstance> supervised) {
        return rows(view, app, node, supervised, true);
    }

    /**
     * Every instance record the view holds, on live members or not: a console shows the ones on
     * members it cannot see (across a partition, or gone) marked, rather than hiding them.
     */
    public static List<InstanceRow> seen(ClusterView view) {
        return rows(view, null, null, List.of(), false);
    }

    private static List<InstanceRow> rows(ClusterView view, String app, String node, List<SupervisedInstance> supervised,
                                          boolean liveOnly) {
        Map<String, SupervisedInstance> local = new HashMap<>();
        for (SupervisedInstance s : supervised) {
            local.put(s.instanceId(), s);
        }
        Map<String, Integer> endpointPorts = new HashMap<>();
        for (FabricRecord r : view.records(RecordKind.ENDPOINT)) {
            if (!r.tombstone()) {
                view.value(r, EndpointRecord.class).ifPresent(e -> endpointPorts.put(e.instanceId(), e.port()));
            }
        }
        List<InstanceRow> out = new ArrayList<>();
        for (FabricRecord r : view.records(RecordKind.INSTANCE)) {
            if (r.tombstone()) {
                continue;
            }
            String owner = r.key().owner();
            if ((liveOnly && !view.isLive(owner)) || (node != null && !node.equals(owner))) {
                continue;
            }
            InstanceRecord i = view.value(r, InstanceRecord.class).orElseThrow();
            if (app != null && !app.equals(i.app())) {
                continue;
            }
            String api = view.nodeInfo(owner).map(NodeInfo::apiUrl).orElse("");
            SupervisedInstance s = owner.equals(view.self()) ? local.get(i.instanceId()) : null;
            out.add(s == null ? fromRecord(i, owner, endpointPorts.get(i.instanceId()), api) : fromSupervisor(i, owner, s, api));
        }
        return out;
    }

    /**
     * The row of one instance record of {@code owner}, with its endpoint's port (null when it has
     * none) and its node's API address: what {@link #seen} makes of each record, for a console that
     * rebuilds only the rows of the records that changed.
     */
    public static InstanceRow fromRecord(InstanceRecord i, String owner, Integer port, String api) {
        return new InstanceRow(i.instanceId(), i.app(), owner, i.slot(), i.digest().toString(), i.state().name().toLowerCase(Locale.ROOT),
                i.restarts(), i.message(), i.pid() == 0 ? null : i.pid(), port, null, api);
    }

    private static InstanceRow fromSupervisor(InstanceRecord i, String owner, SupervisedInstance s, String api) {
        return new InstanceRow(i.instanceId(), i.app(), owner, i.slot(), i.digest().toString(), s.state(), s.restarts(), s.message(),
                s.pid() == 0 ? null : s.pid(), s.port() == 0 ? null : s.port(), s.since().toString(), api);
    }
}
