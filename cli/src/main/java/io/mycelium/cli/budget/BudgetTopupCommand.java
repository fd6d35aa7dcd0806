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
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code mesh budget topup APP N --key K}. */
@Command(name = "topup",
        header = "Add credits to an app's balance; an app that ran out scales back up at once.",
        footerHeading = "%nExamples:%n",
        footer = {"  mesh budget topup billing 50 --key keys/operator.key"})
public final class BudgetTopupCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    AppCall call;

    @Parameters(index = "1", paramLabel = "CREDITS", description = "How many credits to add (more than 0).")
    double amount;

    @Mixin
    OperatorKey key;

    public BudgetTopupCommand(CliContext ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
    }

    @Override
    public Integer call() {
        if (!(amount > 0)) {
            throw MeshException.usage("CREDITS must be more than 0, got " + amount);
        }
        String app = call.name();
        double[] before = new double[1];
        SignedSubmit.Submitted<Budget> s = SignedSubmit.record(ctx, call, key, RecordKind.BUDGET, app, view -> {
            Account old = Accounts.of(view, app, ctx.clock().millis()).orElseThrow(() -> MeshException.notFound(
                    "app " + app + " has no budget to top up; create one: mesh budget set " + app + " --credits N --key K"));
            before[0] = old.balance();
            return old.budget().plus(amount);
        });
        ApiDocuments.RecordAccepted a = s.accepted();
        call.renderer().render(a, h -> h.line("budget " + app + " revision " + a.revision() + ": balance "
                + Credits.format(before[0]) + " + " + Credits.format(amount) + " = " + Credits.format(before[0] + amount)));
        return 0;
    }
}
