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
}
