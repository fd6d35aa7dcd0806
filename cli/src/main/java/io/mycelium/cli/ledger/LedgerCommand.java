package io.mycelium.cli.ledger;

import io.mycelium.cli.CliContext;
import io.mycelium.cli.Table;
import io.mycelium.cli.api.ApiCall;
import io.mycelium.cli.api.ClusterViews;
import io.mycelium.cli.budget.Credits;
import io.mycelium.client.explain.SlotPlacement;
import io.mycelium.client.http.AgentClient;
import io.mycelium.client.rows.BudgetRows;
import io.mycelium.client.rows.BudgetRows.BudgetRow;
import io.mycelium.client.rows.BudgetRows.NodeRow;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.ledger.Prices;
import io.mycelium.fabric.model.Price;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code mesh ledger}: the whole ledger at once, per app and per node. */
@Command(name = "ledger",
        header = "The ledger: per app its balance, rate, spend per hour and time to empty; per node its capacity, use and price.",
        description = {"", "SPENT is the sum of every node's meter (grow-only counters, the same on every member); BURN/H is what "
                + "the app's instances cost per hour now, NET/H that less the budget's rate (negative: the balance grows). "
                + "Per node: what it offers (capacity, less the agent's reserve), what its instances hold, and what they burn. "
                + "Change a budget with mesh budget set, the price with mesh price set."},
        footerHeading = "%nExamples:%n",
        footer = {"  mesh ledger", "  mesh ledger -o json"})
public final class LedgerCommand implements Callable<Integer> {
    /** The whole answer. */
    public record Ledger(Price price, List<BudgetRow> apps, List<NodeRow> nodes) {
    }

    private final CliContext ctx;

    @Mixin
    ApiCall call;

    public LedgerCommand(CliContext ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
    }

    @Override
    public Integer call() {
        ClusterView view;
        try (AgentClient client = call.client(ctx)) {
            view = ClusterViews.of(client);
        }
        Ledger doc = new Ledger(Prices.of(view), BudgetRows.all(view, SlotPlacement.place(view).admissions()), BudgetRows.nodes(view));
        call.renderer().render(doc, h -> {
            if (doc.apps().isEmpty()) {
                h.line("no budgets yet; apps run as planned. Give one: mesh budget set APP --credits 100 --key operator.key");
            } else {
                Table t = Table.of("APP", "BALANCE", "RATE/H", "SPENT", "BURN/H", "NET/H", "EMPTY IN", "INSTANCES");
                for (BudgetRow r : doc.apps()) {
                    t.row(r.app(), Credits.format(r.balance()), Credits.format(r.ratePerHour()), Credits.format(r.spent()),
                            Credits.format(r.burnPerHour()), Credits.format(r.burnPerHour() - r.ratePerHour()),
                            Credits.hours(r.hoursToEmpty()), r.admitted() + "/" + r.wanted());
                }
                h.table(t);
            }
            h.line("");
            Table n = Table.of("NODE", "CPU USED/OFFERED", "MEMORY USED/OFFERED", "INSTANCES", "BURN/H");
            for (NodeRow r : doc.nodes()) {
                n.row(r.node(), r.cpuMilliUsed() + "/" + r.cpuMilli() + "m", r.memoryMbUsed() + "/" + r.memoryMb() + " MiB", r.instances(),
                        Credits.format(r.burnPerHour()));
            }
            h.table(n);
            h.line(String.format(Locale.ROOT, "price (every node): %s credits per cpu-second, %s per MiB-hour",
                    doc.price().cpuSecond(), doc.price().mbHour()));
        });
        return 0;
    }
}
