package io.mycelium.fabric.ledger;

import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.model.Budget;
import io.mycelium.fabric.model.Usage;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Every budgeted app's {@link Account}, from a view and the time. */
public final class Accounts {
    private Accounts() {
    }

    /** Accounts of every app with a budget, by app. */
    public static Map<String, Account> of(ClusterView view, long nowMs) {
        Map<String, Account> out = new TreeMap<>();
        for (Budget b : view.budgets().values()) {
            out.put(b.app(), account(view, b, nowMs));
        }
        return out;
    }

    public static Optional<Account> of(ClusterView view, String app, long nowMs) {
        return Optional.ofNullable(view.budgets().get(app)).map(b -> account(view, b, nowMs));
    }

    private static Account account(ClusterView view, Budget b, long nowMs) {
        Map<String, Usage> perNode = view.usage(b.app());
        double spent = Spend.microCredits(perNode.values()) / 1e6;
        double balance = Balances.at(b, spent, nowMs);
        double burn = Spend.burnPerHour(view, b.app());
        return new Account(b.app(), b, Balances.granted(b, nowMs), spent, balance, burn, Balances.hoursToEmpty(b, balance, burn), perNode);
    }
}
