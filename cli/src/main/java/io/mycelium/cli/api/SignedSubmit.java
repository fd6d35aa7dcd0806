package io.mycelium.cli.api;

import io.mycelium.cli.CliContext;
import io.mycelium.cli.MeshException;
import io.mycelium.client.api.ApiDocuments;
import io.mycelium.client.http.AgentClient;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.fabric.state.OperatorRecords;
import io.mycelium.fabric.state.RecordKey;
import io.mycelium.spore.key.SigningKey;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The one sequence of a command that submits an operator record (a budget, a price): ask the
 * agent for its view, build the payload from it, sign it at the record's next revision and submit
 * it. A payload the record refuses (its constructor's {@link IllegalArgumentException}) is a
 * one-line usage error (exit 2).
 */
public final class SignedSubmit {
    private SignedSubmit() {
    }

    /** What was submitted, on which view, and the agent's answer. */
    public record Submitted<P>(ClusterView view, P payload, ApiDocuments.RecordAccepted accepted) {
    }

    public static <P> Submitted<P> record(CliContext ctx, ApiCall call, OperatorKey key, RecordKind kind, String name,
                                          Function<ClusterView, P> build) {
        return record(ctx, call, key, kind, name, build, AgentClient::submitBudget);
    }

    /** {@link #record(CliContext, ApiCall, OperatorKey, RecordKind, String, Function)} through another route of the agent. */
    public static <P> Submitted<P> record(CliContext ctx, ApiCall call, OperatorKey key, RecordKind kind, String name,
                                          Function<ClusterView, P> build,
                                          BiFunction<AgentClient, FabricRecord, ApiDocuments.RecordAccepted> submit) {
        SigningKey signer = key.signer();
        try (AgentClient client = call.client(ctx)) {
            ClusterView view = ClusterViews.of(client);
            P payload;
            try {
                payload = build.apply(view);
            } catch (IllegalArgumentException e) {
                throw MeshException.usage(e.getMessage());
            }
            long revision = view.record(RecordKey.operator(kind, name)).map(r -> r.version().major()).orElse(0L) + 1;
            FabricRecord signed = OperatorRecords.sign(signer, payload, name, revision, ctx.clock().millis() << 16);
            return new Submitted<>(view, payload, submit.apply(client, signed));
        }
    }

    /**
     * Signs the deletion of the record {@code kind/name} at its next revision and submits it; a
     * name the view does not hold is {@code notFound} (exit 1, its message).
     */
    public static ApiDocuments.RecordAccepted delete(CliContext ctx, ApiCall call, OperatorKey key, RecordKind kind, String name,
                                                     String notFound,
                                                     BiFunction<AgentClient, FabricRecord, ApiDocuments.RecordAccepted> submit) {
        SigningKey signer = key.signer();
        try (AgentClient client = call.client(ctx)) {
            ClusterView view = ClusterViews.of(client);
            FabricRecord held = view.record(RecordKey.operator(kind, name)).filter(r -> !r.tombstone())
                    .orElseThrow(() -> MeshException.notFound(notFound));
            FabricRecord signed = OperatorRecords.signDelete(signer, kind, name, held.version().major() + 1, ctx.clock().millis() << 16);
            return submit.apply(client, signed);
        }
    }
}
