package io.mycelium.cli.budget;

import io.mycelium.cli.CliContext;
import io.mycelium.cli.OutputOptions;
import io.mycelium.cli.Renderer;
import io.mycelium.cli.api.ApiOptions;
import io.mycelium.cli.api.ClusterViews;
import io.mycelium.client.api.ApiDocuments;
import io.mycelium.client.http.AgentClient;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.ledger.Prices;
import io.mycelium.fabric.model.Price;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.spore.key.SigningKey;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mesh price set [--cpu-second N] [--mb-hour N] --key K}. */
@Command(name = "set", header = "Set the cluster's price; what you leave out stays as it was.",
        footerHeading = "%nExamples:%n", footer = {"  mesh price set --cpu-second 0.002 --key keys/operator.key"})
public final class PriceSetCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Mixin
    ApiOptions api;

    @Option(names = "--cpu-second", paramLabel = "N", description = "Credits per second of one CPU (above 0).")
    Double cpuSecond;

    @Option(names = "--mb-hour", paramLabel = "N", description = "Credits per MiB held for an hour (above 0).")
    Double mbHour;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "The operator's private key (PEM) that signs the price.")
    Path key;

    public PriceSetCommand(CliContext ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
    }

    @Override
    public Integer call() {
        SigningKey signer = SigningKey.read(key);
        try (AgentClient client = api.client(ctx)) {
            ClusterView view = ClusterViews.of(client);
            Price old = Prices.of(view);
            Price p = BudgetRecords.valid(() -> new Price(cpuSecond != null ? cpuSecond : old.cpuSecond(), mbHour != null ? mbHour : old.mbHour()));
            ApiDocuments.RecordAccepted a = BudgetRecords.submit(client, view, RecordKind.PRICE, Price.CLUSTER, p, signer, ctx.clock().millis());
            Renderer.of(spec, output).render(a, h -> h.line("price revision " + a.revision() + " accepted by " + a.node() + ": "
                    + p.cpuSecond() + " credits per cpu-second, " + p.mbHour() + " per MiB-hour"));
        }
        return 0;
    }
}
