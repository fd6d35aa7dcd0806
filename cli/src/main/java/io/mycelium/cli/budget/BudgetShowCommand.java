package io.mycelium.cli.budget;

import io.mycelium.cli.CliContext;
import io.mycelium.cli.MeshException;
import io.mycelium.cli.OutputOptions;
import io.mycelium.cli.Renderer;
import io.mycelium.cli.Table;
import io.mycelium.cli.api.ApiOptions;
import io.mycelium.cli.api.ClusterViews;
import io.mycelium.client.explain.SlotPlacement;
import io.mycelium.client.http.AgentClient;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.autoscale.Autoscaler;
import io.mycelium.fabric.ledger.Account;
import io.mycelium.fabric.ledger.Accounts;
import io.mycelium.fabric.ledger.Admission;
import io.mycelium.fabric.ledger.Prices;
import io.mycelium.fabric.model.Price;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mesh budget show [APP]}. */
@Command(name = "show",
        header = "Show every budget: balance, spent, burn rate, time to empty, and how many instances the ledger admits and why.",
        description = {"", "Spent is the sum of every node's meter; burn is what the app's instances cost per hour now. "
                + "ADMITTED is what placement lets the app run (the same on every agent and console)."},
        footerHeading = "%nExamples:%n",
        footer = {"  mesh budget show", "  mesh budget show billing -o json"})
public final class BudgetShowCommand implements Callable<Integer> {
    /** One app's budget as shown. */
    public record BudgetRow(String app, double balance, double granted, double spent, double burnPerHour, Double hoursToEmpty,
                            double ratePerHour, int min, int max, int priority, int wanted, int admitted, String reason,
                            Map<String, Double> spentByNode, String autoscale) {
    }

    /** The whole answer, with the price in force. */
    public record Budgets(Price price, List<BudgetRow> budgets) {
    }

    private final CliContext ctx;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Mixin
    ApiOptions api;

    @Parameters(index = "0", arity = "0..1", paramLabel = "APP", description = "Only this app.")
    String app;

    public BudgetShowCommand(CliContext ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
    }

    @Override
    public Integer call() {
        ClusterView view;
        try (AgentClient client = api.client(ctx)) {
            view = ClusterViews.of(client);
        }
        long now = ctx.clock().millis();
        Map<String, Admission.Admitted> admitted = SlotPlacement.place(view).admissions();
        List<BudgetRow> rows = new ArrayList<>();
        for (Account a : Accounts.of(view, now).values()) {
            if (app == null || app.equals(a.app())) {
                rows.add(row(a, admitted.get(a.app()), Autoscaler.latest(view, a.app()).map(d -> "desired " + d.desired() + ": " + d.reason()).orElse("")));
            }
        }
        if (app != null && rows.isEmpty()) {
            throw MeshException.notFound("app " + app + " has no budget; create one: mesh budget set " + app + " --credits N --key K");
        }
        Budgets doc = new Budgets(Prices.of(view), rows);
        Renderer.of(spec, output).render(doc, h -> {
            if (rows.isEmpty()) {
                h.line("no budgets yet; apps run as planned. Give one: mesh budget set APP --credits 100 --key operator.key");
                return;
            }
            Table t = Table.of("APP", "BALANCE", "SPENT", "BURN/H", "EMPTY IN", "RATE/H", "MIN..MAX", "PRIO", "ADMITTED");
            for (BudgetRow r : rows) {
                t.row(r.app(), credits(r.balance()), credits(r.spent()), credits(r.burnPerHour()),
                        r.hoursToEmpty() == null ? "never" : hours(r.hoursToEmpty()), credits(r.ratePerHour()),
                        r.min() + ".." + r.max(), r.priority(), r.admitted() + "/" + r.wanted());
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
            h.line(String.format(Locale.ROOT, "price: %s credits per cpu-second, %s per MiB-hour", doc.price().cpuSecond(), doc.price().mbHour()));
        });
        return 0;
    }

    private static BudgetRow row(Account a, Admission.Admitted d, String autoscale) {
        Map<String, Double> byNode = new TreeMap<>();
        a.perNode().forEach((node, u) -> byNode.put(node, u.credits()));
        return new BudgetRow(a.app(), a.balance(), a.granted(), a.spent(), a.burnPerHour(),
                Double.isInfinite(a.hoursToEmpty()) ? null : a.hoursToEmpty(), a.budget().ratePerHour(), a.budget().min(),
                a.budget().max(), a.budget().priority(), d == null ? 0 : d.wanted(), d == null ? 0 : d.admitted(), d == null ? "no plan" : d.reason(),
                byNode, autoscale);
    }

    static String credits(double c) {
        return String.format(Locale.ROOT, "%.2f", c);
    }

    private static String hours(double h) {
        return h >= 48 ? String.format(Locale.ROOT, "%.0fd", h / 24) : h >= 1 ? String.format(Locale.ROOT, "%.1fh", h)
                : String.format(Locale.ROOT, "%.0fm", h * 60);
    }
}
