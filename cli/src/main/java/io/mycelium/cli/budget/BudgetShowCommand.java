package io.mycelium.cli.budget;

import io.mycelium.cli.CliContext;
import io.mycelium.cli.MeshException;
import io.mycelium.cli.Table;
import io.mycelium.cli.api.ApiCall;
import io.mycelium.cli.api.ClusterViews;
import io.mycelium.client.explain.SlotPlacement;
import io.mycelium.client.http.AgentClient;
import io.mycelium.client.rows.BudgetRows;
import io.mycelium.client.rows.BudgetRows.BudgetRow;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.ledger.Prices;
import io.mycelium.fabric.model.Price;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code mesh budget show [APP]}. */
@Command(name = "show",
        header = "Show every budget: balance, spent, burn rate, time to empty, and how many instances the ledger admits and why.",
        description = {"", "Spent is the sum of every node's meter; burn is what the app's instances cost per hour now. "
                + "ADMITTED is what placement lets the app run (the same on every agent and console)."},
        footerHeading = "%nExamples:%n",
        footer = {"  mesh budget show", "  mesh budget show billing -o json"})
public final class BudgetShowCommand implements Callable<Integer> {
    /** The whole answer, with the price in force. */
    public record Budgets(Price price, List<BudgetRow> budgets) {
    }

    private final CliContext ctx;

    @Mixin
    ApiCall call;

    @Parameters(index = "0", arity = "0..1", paramLabel = "APP", description = "Only this app.")
    String app;

    public BudgetShowCommand(CliContext ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
    }

    @Override
    public Integer call() {
        ClusterView view;
        try (AgentClient client = call.client(ctx)) {
            view = ClusterViews.of(client);
        }
        List<BudgetRow> rows = BudgetRows.all(view, SlotPlacement.place(view).admissions()).stream()
                .filter(r -> app == null || app.equals(r.app())).toList();
        if (app != null && rows.isEmpty()) {
            throw MeshException.notFound("app " + app + " has no budget; create one: mesh budget set " + app + " --credits N --key K");
        }
        Budgets doc = new Budgets(Prices.of(view), rows);
        call.renderer().render(doc, h -> {
            if (rows.isEmpty()) {
                h.line("no budgets yet; apps run as planned. Give one: mesh budget set APP --credits 100 --key operator.key");
                return;
            }
            Table t = Table.of("APP", "BALANCE", "SPENT", "BURN/H", "EMPTY IN", "RATE/H", "MIN..MAX", "PRIO", "ADMITTED", "MAX COST/H");
            for (BudgetRow r : rows) {
                t.row(r.app(), Credits.format(r.balance()), Credits.format(r.spent()), Credits.format(r.burnPerHour()),
                        Credits.hours(r.hoursToEmpty()), Credits.format(r.ratePerHour()), r.min() + ".." + r.max(), r.priority(),
                        r.admitted() + "/" + r.wanted(), Credits.format(r.costPerHourMax()));
            }
            h.table(t);
            for (BudgetRow r : rows) {
                if (!r.reason().isEmpty()) {
                    h.line(r.app() + ": " + r.reason());
                }
                if (!r.autoscale().isEmpty()) {
                    h.line(r.app() + " autoscaler: " + r.autoscale());
                }
            }
            h.line(String.format(Locale.ROOT, "price: %s credits per cpu-second, %s per MiB-hour; MAX COST/H: the admitted instances at full use of their nutrients",
                    doc.price().cpuSecond(), doc.price().mbHour()));
        });
        return 0;
    }
}
