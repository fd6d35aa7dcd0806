package io.mycelium.fabric.ledger;

import io.mycelium.fabric.model.Budget;
import io.mycelium.fabric.model.Usage;
import java.util.Map;
import java.util.Objects;

/**
 * One app's account at a moment.
 *
 * @param app          the app
 * @param budget       its budget record
 * @param granted      credits granted so far (credits plus the rate's accrual)
 * @param spent        credits spent, summed over nodes
 * @param balance      granted minus spent (negative: overdrawn)
 * @param burnPerHour  the live nodes' current spending rate
 * @param hoursToEmpty at that rate, net of the budget's rate ({@code Infinity}: never)
 * @param perNode      every node's usage record of the app
 */
public record Account(String app, Budget budget, double granted, double spent, double balance, double burnPerHour,
                      double hoursToEmpty, Map<String, Usage> perNode) {
    public Account {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(budget, "budget");
        perNode = Map.copyOf(perNode);
    }

    /** Whether the app can pay for what it runs. */
    public boolean canPay() {
        return balance > 0;
    }
}
