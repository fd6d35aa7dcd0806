package io.mycelium.fabric.status;

import com.fasterxml.jackson.databind.JsonNode;
import io.mycelium.fabric.ClusterMember;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.model.Json;
import io.mycelium.fabric.state.FabricRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The JSON documents that {@code mesh nodes} and {@code mesh state} print, built from a view. */
public final class StatusDocuments {
    private StatusDocuments() {
    }

    /** One member row of {@code /v1/nodes}. */
    public record MemberRow(String id, String role, String address, int fabricPort, int apiPort, String status, long ageMs, boolean self) {
    }

    /** {@code /v1/nodes}: what this member sees of the membership. */
    public record Nodes(String cluster, String self, List<MemberRow> members) {
        public Nodes {
            members = List.copyOf(members);
        }
    }

    /** One record row of {@code /v1/state}. */
    public record RecordRow(String kind, String owner, String name, long major, long minor, String signer, boolean tombstone, JsonNode payload) {
    }

    /** {@code /v1/state}: every record this member holds, with versions, and its counters. */
    public record State(String cluster, String self, List<RecordRow> records, Map<String, Long> metrics) {
        public State {
            records = List.copyOf(records);
            metrics = Map.copyOf(metrics);
        }
    }

    public static Nodes nodes(String cluster, ClusterView view) {
        List<MemberRow> rows = new ArrayList<>();
        for (ClusterMember m : view.members()) {
            rows.add(new MemberRow(m.id(), m.role().wireName(), m.host(), m.fabricPort(), m.apiPort(),
                    m.status().name().toLowerCase(java.util.Locale.ROOT), m.ageMs(), m.self()));
        }
        return new Nodes(cluster, view.self(), rows);
    }

    public static State state(String cluster, ClusterView view, Map<String, Long> metrics) {
        List<RecordRow> rows = new ArrayList<>();
        for (FabricRecord r : view.records()) {
            JsonNode payload = null;
            if (!r.tombstone()) {
                try {
                    payload = Json.MAPPER.readTree(r.payload());
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    payload = Json.MAPPER.getNodeFactory().textNode(r.payload());
                }
            }
            rows.add(new RecordRow(r.key().kind().wireName(), r.key().owner(), r.key().name(), r.version().major(),
                    r.version().minor(), r.key().kind().operator() ? r.version().tiebreak() : "", r.tombstone(), payload));
        }
        return new State(cluster, view.self(), rows, metrics);
    }
}
