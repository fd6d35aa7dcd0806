package io.mycelium.cli.api;

import io.mycelium.client.http.AgentClient;
import io.mycelium.fabric.ClusterMember;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.membership.MemberStatus;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.fabric.model.Role;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.fabric.state.RecordKey;
import io.mycelium.fabric.state.Version;
import io.mycelium.fabric.status.StatusDocuments;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The cluster as one agent sees it (members and records, from {@code /v1/nodes} and
 * {@code /v1/state}), as a {@link ClusterView} on which a command runs the same pure functions as
 * every node (rollout steps, ledger accounts, admission).
 */
public final class ClusterViews {
    private ClusterViews() {
    }

    public static ClusterView of(AgentClient client) {
        StatusDocuments.Nodes nodes = client.nodes();
        StatusDocuments.State state = client.state();
        List<ClusterMember> members = new ArrayList<>();
        long takenAt = System.currentTimeMillis();
        for (StatusDocuments.MemberRow m : nodes.members()) {
            members.add(new ClusterMember(m.id(), Role.parse(m.role()), m.address(), m.fabricPort(), m.apiPort(),
                    MemberStatus.valueOf(m.status().toUpperCase(Locale.ROOT)), m.ageMs(), m.self()));
        }
        List<FabricRecord> records = new ArrayList<>();
        for (StatusDocuments.RecordRow r : state.records()) {
            RecordKind kind = RecordKind.parse(r.kind());
            records.add(new FabricRecord(new RecordKey(kind, r.owner(), r.name()), new Version(r.major(), r.minor(), r.signer()),
                    r.tombstone() ? null : r.payload().toString(), ""));
        }
        return new ClusterView(nodes.self(), takenAt, members, records);
    }
}
