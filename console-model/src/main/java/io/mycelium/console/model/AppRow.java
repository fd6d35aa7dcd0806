package io.mycelium.console.model;

import io.mycelium.console.series.Series;

/**
 * One app: its plan, how many of its instances are ready, its traffic at the edges.
 *
 * @param sloP99Ms the p99 budget of the app's rollout analysis, 0 when it has none
 * @param ageMs    how long ago the newest record behind this row changed
 */
public record AppRow(String cluster, String app, String digest, int desired, int ready, int failing, long revision,
                     String strategy, String phase, double rps, double p99Ms, long sloP99Ms,
                     Series rpsSeries, Series p99Series, long ageMs) {
    public boolean healthy() {
        return ready >= desired && failing == 0;
    }
}
