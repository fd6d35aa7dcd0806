package io.mycelium.client.testing;

import io.mycelium.fabric.ClusterMember;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.membership.MemberStatus;
import io.mycelium.fabric.model.Capacity;
import io.mycelium.fabric.model.EndpointRecord;
import io.mycelium.fabric.model.InstanceRecord;
import io.mycelium.fabric.model.Json;
import io.mycelium.fabric.model.NodeInfo;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.fabric.model.Role;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.fabric.state.OperatorRecords;
import io.mycelium.fabric.state.RecordKey;
import io.mycelium.fabric.state.Version;
import io.mycelium.spore.key.SigningKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Hand-made cluster views for the pure row and explanation tests: agents, their records, signed plans. */
public final class ViewBuilder {
    public static final SigningKey OPERATOR = SigningKey.generate();

    private final String self;
    private final List<ClusterMember> members = new ArrayList<>();
    private final List<FabricRecord> records = new ArrayList<>();
    private long counter;

    public ViewBuilder(String self) {
        this.self = self;
    }

    /** A live agent with a NodeInfo (API at http://{id}:7070) and 2000 mCPU / 2048 MB. */
    public ViewBuilder agent(String id) {
        return agent(id, MemberStatus.ALIVE, Map.of());
    }

    public ViewBuilder agent(String id, MemberStatus status, Map<String, String> labels) {
        members.add(new ClusterMember(id, Role.AGENT, "127.0.0.1", 1, 2, status, 0, id.equals(self)));
        node(RecordKind.NODE, id, "", new NodeInfo(id, Role.AGENT, labels, "http://" + id + ":7070", ""));
        node(RecordKind.CAPACITY, id, "", new Capacity(2000, 2000, 2048, 2048));
        return this;
    }

    public ViewBuilder instance(String node, InstanceRecord i) {
        return node(RecordKind.INSTANCE, node, i.instanceId(), i);
    }

    public ViewBuilder endpoint(String node, EndpointRecord e) {
        return node(RecordKind.ENDPOINT, node, e.instanceId(), e);
    }

    public ViewBuilder plan(Plan p, long revision) {
        records.add(OperatorRecords.sign(OPERATOR, p, p.app(), revision, ++counter));
        return this;
    }

    /** A signed budget at {@code revision}. */
    public ViewBuilder budget(io.mycelium.fabric.model.Budget b, long revision) {
        records.add(OperatorRecords.sign(OPERATOR, b, b.app(), revision, ++counter));
        return this;
    }

    /** A node's usage record of an app. */
    public ViewBuilder usage(String node, io.mycelium.fabric.model.Usage u) {
        return node(RecordKind.USAGE, node, u.app(), u);
    }

    private ViewBuilder node(RecordKind kind, String owner, String name, Object payload) {
        records.add(new FabricRecord(RecordKey.node(kind, owner, name), new Version(1, ++counter, ""), Json.write(payload), ""));
        return this;
    }

    public ClusterView build() {
        return new ClusterView(self, 0, members, records);
    }
}
