package io.mycelium.cli.budget;

import io.mycelium.cli.CliContext;
import io.mycelium.cli.MeshException;
import io.mycelium.cli.OutputOptions;
import io.mycelium.cli.Renderer;
import io.mycelium.cli.api.ApiOptions;
import io.mycelium.cli.api.ClusterViews;
import io.mycelium.client.api.ApiDocuments;
import io.mycelium.client.http.AgentClient;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.ledger.Account;
import io.mycelium.fabric.ledger.Accounts;
import io.mycelium.fabric.model.Budget;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.spore.key.SigningKey;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mesh budget topup APP N --key K}. */
@Command(name = "topup",
        header = "Add credits to an app's balance; an app that ran out scales back up at once.",
        footerHeading = "%nExamples:%n",
        footer = {"  mesh budget topup billing 50 --key keys/operator.key"})
public final class BudgetTopupCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Mixin
    ApiOptions api;

    @Parameters(index = "0", paramLabel = "APP", description = "The app.")
    String app;

    @Parameters(index = "1", paramLabel = "CREDITS", description = "How many credits to add (more than 0).")
    double amount;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "The operator's private key (PEM) that signs the budget.")
    Path key;

    public BudgetTopupCommand(CliContext ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
    }

    @Override
    public Integer call() {
        if (!(amount > 0)) {
            throw MeshException.usage("CREDITS must be more than 0, got " + amount);
        }
        SigningKey signer = SigningKey.read(key);
        long now = ctx.clock().millis();
        try (AgentClient client = api.client(ctx)) {
            ClusterView view = ClusterViews.of(client);
            Account old = Accounts.of(view, app, now).orElseThrow(() -> MeshException.notFound(
                    "app " + app + " has no budget to top up; create one: mesh budget set " + app + " --credits N --key K"));
            Budget b = BudgetRecords.valid(() -> old.budget().plus(amount));
            ApiDocuments.RecordAccepted a = BudgetRecords.submit(client, view, RecordKind.BUDGET, app, b, signer, now);
            Renderer.of(spec, output).render(a, h -> h.line("budget " + app + " revision " + a.revision() + ": balance "
                    + BudgetShowCommand.credits(old.balance()) + " + " + BudgetShowCommand.credits(amount) + " = "
                    + BudgetShowCommand.credits(old.balance() + amount)));
        }
        return 0;
    }
}
