package io.mycelium.cli.intention;

import io.mycelium.cli.CliContext;
import io.mycelium.cli.Table;
import io.mycelium.cli.api.ApiCall;
import io.mycelium.cli.api.ClusterViews;
import io.mycelium.client.http.AgentClient;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.intention.Intentions;
import io.mycelium.fabric.model.Intention;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code mesh intention list}. */
@Command(name = "list", header = "List the intentions, the cluster default first.",
        footerHeading = "%nExamples:%n", footer = {"  mesh intention list", "  mesh intention list -o json"})
public final class IntentionListCommand implements Callable<Integer> {
    /** The answer: every intention, and what a call no intention matches gets. */
    public record Listing(List<Intention> intentions, String unmatched) {
    }

    private final CliContext ctx;

    @Mixin
    ApiCall call;

    public IntentionListCommand(CliContext ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
    }

    @Override
    public Integer call() {
        ClusterView view;
        try (AgentClient client = call.client(ctx)) {
            view = ClusterViews.of(client);
        }
        List<Intention> all = Intentions.Table.of(view).list();
        String unmatched = all.stream().filter(Intention::isDefault).findFirst().map(i -> i.action().wire()).orElse("allow");
        call.renderer().render(new Listing(all, unmatched), h -> {
            if (all.isEmpty()) {
                h.line("no intentions: every call through hyphae is allowed. Start with: mesh intention default deny --key K");
                return;
            }
            Table t = Table.of("CALLER", "CALLEE", "ACTION");
            for (Intention i : all) {
                t.row(i.caller(), i.callee(), i.action().wire());
            }
            h.table(t);
            h.line("calls no intention matches: " + unmatched + "; calls without a known caller: deny");
        });
        return 0;
    }
}
