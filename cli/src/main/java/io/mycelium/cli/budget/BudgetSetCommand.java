package io.mycelium.cli.budget;

import io.mycelium.cli.CliContext;
import io.mycelium.cli.MeshException;
import io.mycelium.cli.api.AppCall;
import io.mycelium.cli.api.OperatorKey;
import io.mycelium.cli.api.SignedSubmit;
import io.mycelium.client.api.ApiDocuments;
import io.mycelium.fabric.ledger.Account;
import io.mycelium.fabric.ledger.Accounts;
import io.mycelium.fabric.model.Budget;
import io.mycelium.fabric.model.RecordKind;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mesh budget set APP [--credits N] [--rate N] [--min N] [--max N] [--priority P] --key K}. */
@Command(name = "set",
        header = "Create or change an app's budget; what you leave out stays as it was.",
        description = {"", "--credits sets the balance the app has from now on (what it spent so far is kept in the ledger); "
                + "--rate adds that many credits every hour. A new budget without --credits starts at 0 and lives on its rate. "
                + "--min and --max bound the instances (a new budget: 1 and 10), --priority ranks the app when capacity is "
                + "short (-1000..1000, higher keeps its instances; default 0)."},
        footerHeading = "%nExamples:%n",
        footer = {"  mesh budget set billing --credits 100 --min 1 --max 4 --key keys/operator.key",
                "  mesh budget set billing --rate 25 --priority 10 --key keys/operator.key"})
public final class BudgetSetCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    AppCall call;

    @Mixin
    OperatorKey key;

    @Option(names = {"--credits", "--balance"}, paramLabel = "N", description = "The balance from now on, in credits.")
    Double credits;

    @Option(names = "--rate", paramLabel = "N", description = "Credits added every hour.")
    Double rate;

    @Option(names = "--min", paramLabel = "N", description = "Instances the app keeps even out of credits.")
    Integer min;

    @Option(names = "--max", paramLabel = "N", description = "Instances the app never exceeds.")
    Integer max;

    @Option(names = "--priority", paramLabel = "P", description = "Rank when capacity is short, -1000..1000.")
    Integer priority;

    public BudgetSetCommand(CliContext ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
    }

    @Override
    public Integer call() {
        String app = call.name();
        long now = ctx.clock().millis();
        SignedSubmit.Submitted<Budget> s = SignedSubmit.record(ctx, call, key, RecordKind.BUDGET, app, view -> {
            Optional<Account> old = Accounts.of(view, app, now);
            if (old.isEmpty() && credits == null && rate == null) {
                throw MeshException.usage("budget " + app + " is new: give --credits N, --rate N per hour, or both");
            }
            return next(app, old, now);
        });
        Budget b = s.payload();
        ApiDocuments.RecordAccepted a = s.accepted();
        double balance = credits != null ? credits : Accounts.of(s.view(), app, now).map(Account::balance).orElse(0.0);
        call.renderer().render(a, h -> h.line("budget " + app + " revision " + a.revision() + " accepted by " + a.node() + ": balance "
                + Credits.format(balance) + ", rate " + Credits.format(b.ratePerHour()) + "/h, instances " + b.min() + ".." + b.max()
                + ", priority " + b.priority()));
        return 0;
    }

    /** The new record: the balance carried over (or set), so that granted - spent is the balance asked for. */
    private Budget next(String app, Optional<Account> old, long now) {
        double spent = old.map(Account::spent).orElse(0.0);
        double balance = credits != null ? credits : old.map(Account::balance).orElse(0.0);
        if (balance < 0 && credits != null) {
            throw new IllegalArgumentException("--credits " + credits + " is negative; give 0 or more");
        }
        Optional<Budget> was = old.map(Account::budget);
        return new Budget(app, Math.max(0, balance + spent), rate != null ? rate : was.map(Budget::ratePerHour).orElse(0.0),
                min != null ? min : was.map(Budget::min).orElse(1), max != null ? max : was.map(Budget::max).orElse(10),
                priority != null ? priority : was.map(Budget::priority).orElse(0), now);
    }
}
