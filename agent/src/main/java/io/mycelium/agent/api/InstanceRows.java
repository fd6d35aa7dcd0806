package io.mycelium.agent.api;

import io.mycelium.agent.instance.InstanceStatus;
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
 * Builds instance rows from the fabric's instance records, with the local supervisor's details
 * (pid, port, since) for this agent's own instances and the endpoint's port for the others.
 */
final class InstanceRows {
    private InstanceRows() {
    }

    /** Instances on live members, optionally of one app and/or on one node, in (node, id) order. */
    static List<ApiDocuments.InstanceRow> of(AgentServices services, ClusterView view, String app, String node) {
        Map<String, InstanceStatus> local = new HashMap<>();
        for (InstanceStatus s : services.localInstances()) {
            local.put(s.instanceId(), s);
        }
        String self = services.nodeId();
        Map<String, Integer> endpointPorts = new HashMap<>();
        for (FabricRecord r : view.records()) {
            if (r.key().kind() == RecordKind.ENDPOINT && !r.tombstone()) {
                r.value(EndpointRecord.class).ifPresent(e -> endpointPorts.put(e.instanceId(), e.port()));
            }
        }
        List<ApiDocuments.InstanceRow> out = new ArrayList<>();
        for (FabricRecord r : view.records()) {
            if (r.key().kind() != RecordKind.INSTANCE || r.tombstone()) {
                continue;
            }
            String owner = r.key().owner();
            if (!view.isLive(owner) || (node != null && !node.equals(owner))) {
                continue;
            }
            InstanceRecord i = r.value(InstanceRecord.class).orElseThrow();
            if (app != null && !app.equals(i.app())) {
                continue;
            }
            String api = view.nodeInfo(owner).map(NodeInfo::apiUrl).orElse("");
            InstanceStatus s = owner.equals(self) ? local.get(i.instanceId()) : null;
            if (s == null) {
                out.add(new ApiDocuments.InstanceRow(i.instanceId(), i.app(), owner, i.slot(), i.digest().toString(),
                        i.state().name().toLowerCase(Locale.ROOT), i.restarts(), i.message(), null, endpointPorts.get(i.instanceId()), null,
                        api));
            } else {
                out.add(new ApiDocuments.InstanceRow(i.instanceId(), i.app(), owner, i.slot(), i.digest().toString(),
                        s.state().name().toLowerCase(Locale.ROOT), s.restarts(), s.message(), s.pid() == 0 ? null : s.pid(),
                        s.port() == 0 ? null : s.port(), s.since().toString(), api));
            }
        }
        return out;
    }
}
