package io.mycelium.cli.budget;

import io.mycelium.cli.MeshException;
import io.mycelium.client.api.ApiDocuments;
import io.mycelium.client.http.AgentClient;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.fabric.state.OperatorRecords;
import io.mycelium.fabric.state.RecordKey;
import io.mycelium.spore.key.SigningKey;
import java.util.function.Supplier;

/** Signing a budget or price at the next revision of the view and submitting it. */
final class BudgetRecords {
    private BudgetRecords() {
    }

    static ApiDocuments.RecordAccepted submit(AgentClient client, ClusterView view, RecordKind kind, String name, Object payload,
                                              SigningKey key, long nowMs) {
        long revision = view.record(RecordKey.operator(kind, name)).map(r -> r.version().major()).orElse(0L) + 1;
        FabricRecord signed = OperatorRecords.sign(key, payload, name, revision, nowMs << 16);
        return client.submitBudget(signed);
    }

    /** A record constructor's refusal (negative, absurd, zero price) as a one-line usage error. */
    static <T> T valid(Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw MeshException.usage(e.getMessage());
        }
    }
}
