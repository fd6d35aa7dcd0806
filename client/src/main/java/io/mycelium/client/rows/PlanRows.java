package io.mycelium.client.rows;

import io.mycelium.client.api.ApiDocuments.PlanRow;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.fabric.state.RecordKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Plan rows: each plan the fabric holds with its revision, clock and signer key id. */
public final class PlanRows {
    private PlanRows() {
    }

    /** Every held plan, in app order. */
    public static List<PlanRow> all(ClusterView view) {
        List<PlanRow> rows = new ArrayList<>();
        for (String app : view.plans().keySet()) {
            of(view, app).ifPresent(rows::add);
        }
        return rows;
    }

    /** The plan of {@code app}, or empty when the fabric holds none (or only its deletion). */
    public static Optional<PlanRow> of(ClusterView view, String app) {
        Optional<FabricRecord> r = view.record(RecordKey.operator(RecordKind.PLAN, app)).filter(x -> !x.tombstone());
        return r.flatMap(rec -> view.plan(app)
                .map(p -> new PlanRow(app, rec.version().major(), rec.version().minor(), rec.version().tiebreak(), p)));
    }
}
