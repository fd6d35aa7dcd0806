package io.mycelium.client.rows;

import io.mycelium.client.api.ApiDocuments.AppRow;
import io.mycelium.client.api.ApiDocuments.InstanceRow;
import io.mycelium.client.api.ApiDocuments.UnplacedRow;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.fabric.placement.PlacementResult;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.fabric.state.RecordKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** App rows: per app its plan, revision, desired and ready counts, states and unplaced slots. */
public final class AppRows {
    private AppRows() {
    }

    /** Every app with a plan, a live endpoint or an instance among {@code instances}, in name order. */
    public static Set<String> apps(ClusterView view, List<InstanceRow> instances) {
        Set<String> out = new TreeSet<>(view.apps());
        instances.forEach(i -> out.add(i.app()));
        return out;
    }

    /** The row of every app, in name order. */
    public static List<AppRow> all(ClusterView view, List<InstanceRow> instances, List<PlacementResult.Unplaced> unplaced) {
        List<AppRow> rows = new ArrayList<>();
        for (String app : apps(view, instances)) {
            rows.add(row(view, app, instances, unplaced));
        }
        return rows;
    }

    /**
     * One app's row: ready counts instances of the plan's digest in state ready; on-other-digest
     * counts the not-stopped ones of any other digest (an update in progress).
     */
    public static AppRow row(ClusterView view, String app, List<InstanceRow> instances, List<PlacementResult.Unplaced> unplaced) {
        Plan plan = view.plan(app).orElse(null);
        FabricRecord record = view.record(RecordKey.operator(RecordKind.PLAN, app)).orElse(null);
        String digest = plan == null ? null : plan.digest().toString();
        int ready = 0;
        int other = 0;
        Map<String, Integer> states = new TreeMap<>();
        for (InstanceRow i : instances) {
            if (!i.app().equals(app)) {
                continue;
            }
            states.merge(i.state(), 1, Integer::sum);
            boolean current = i.digest().equals(digest);
            if (current && i.state().equals("ready")) {
                ready++;
            } else if (!current && !i.state().equals("stopped")) {
                other++;
            }
        }
        List<UnplacedRow> missing = new ArrayList<>();
        for (PlacementResult.Unplaced u : unplaced) {
            if (u.slot().app().equals(app)) {
                missing.add(new UnplacedRow(u.slot().index(), u.reason()));
            }
        }
        boolean held = record != null && !record.tombstone();
        return new AppRow(app, held ? record.version().major() : 0, record == null ? "" : record.version().tiebreak(), plan,
                plan == null ? 0 : plan.instances(), ready, other, states, missing);
    }
}
