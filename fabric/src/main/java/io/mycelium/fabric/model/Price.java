package io.mycelium.fabric.model;

/**
 * What resources cost, in credits: per CPU-second used and per MiB held for an hour. The cluster's
 * default is a signed operator record named {@link #CLUSTER} ({@code mesh price set}); without one,
 * {@link #DEFAULT}. Prices are positive: a price of zero would make every budget endless.
 */
public record Price(double cpuSecond, double mbHour) {
    /** The record name of the cluster's default price. */
    public static final String CLUSTER = "cluster";
    /** One core for an hour costs 3.6 credits; 1 GiB for an hour costs 1.024 credits. */
    public static final Price DEFAULT = new Price(0.001, 0.001);

    public Price {
        positive("price per cpu-second", cpuSecond);
        positive("price per MiB-hour", mbHour);
    }

    private static void positive(String what, double v) {
        if (!Double.isFinite(v) || v <= 0 || v > 1e6) {
            throw new IllegalArgumentException(what + " must be above 0 and at most 1000000 credits, got " + v);
        }
    }

    /** The credits that {@code cpuMillis} of CPU time and {@code mbMillis} MiB-milliseconds of memory cost. */
    public double cost(long cpuMillis, long mbMillis) {
        return cpuMillis / 1000.0 * cpuSecond + mbMillis / 3_600_000.0 * mbHour;
    }

    /** Always {@link #CLUSTER}: the name under which the record is kept (for the submit checks). */
    public String name() {
        return CLUSTER;
    }
}
