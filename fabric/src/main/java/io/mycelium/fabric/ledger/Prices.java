package io.mycelium.fabric.ledger;

import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.model.Price;

/** The price in force: the cluster's signed price record, or {@link Price#DEFAULT}. */
public final class Prices {
    private Prices() {
    }

    public static Price of(ClusterView view) {
        return view.price().orElse(Price.DEFAULT);
    }

    /**
     * What {@code instances} instances of {@code cpuMilli} and {@code memoryMb} cost per hour at
     * {@code price} if each used all of its nutrients (an upper bound: the ledger charges actual use).
     */
    public static double perHourAtFullUse(Price price, int instances, long cpuMilli, long memoryMb) {
        return instances * (cpuMilli / 1000.0 * 3600 * price.cpuSecond() + memoryMb * price.mbHour());
    }
}
