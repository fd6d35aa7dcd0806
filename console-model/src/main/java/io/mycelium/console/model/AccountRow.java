package io.mycelium.console.model;

import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.ledger.Account;
import io.mycelium.fabric.ledger.Accounts;
import java.util.Optional;

/**
 * An app's budget and spending as a console shows it: the ledger's {@link Account} (credits granted,
 * spent, balance, the live nodes' burn per hour, hours to empty) and the budget's instance range.
 *
 * @param hoursToEmpty {@code Infinity} when the budget's rate covers the burn
 */
public record AccountRow(String app, double granted, double spent, double balance, double burnPerHour, double hoursToEmpty,
                         int min, int max, int priority) {
    /** The account of {@code app} in {@code view} at {@code nowMs}; empty when it has no budget. */
    public static Optional<AccountRow> of(ClusterView view, String app, long nowMs) {
        return Accounts.of(view, app, nowMs).map(AccountRow::of);
    }

    static AccountRow of(Account a) {
        return new AccountRow(a.app(), a.granted(), a.spent(), a.balance(), a.burnPerHour(), a.hoursToEmpty(),
                a.budget().min(), a.budget().max(), a.budget().priority());
    }

    /** Whether the app can pay for what it runs (admission drops it to {@code min} otherwise). */
    public boolean canPay() {
        return balance > 0;
    }
}
