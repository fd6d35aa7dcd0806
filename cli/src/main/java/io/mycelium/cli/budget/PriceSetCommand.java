package io.mycelium.cli.budget;

import io.mycelium.cli.CliContext;
import io.mycelium.cli.api.ApiCall;
import io.mycelium.cli.api.OperatorKey;
import io.mycelium.cli.api.SignedSubmit;
import io.mycelium.client.api.ApiDocuments;
import io.mycelium.fabric.ledger.Prices;
import io.mycelium.fabric.model.Price;
import io.mycelium.fabric.model.RecordKind;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mesh price set [--cpu-second N] [--mb-hour N] --key K}. */
@Command(name = "set", header = "Set the cluster's price; what you leave out stays as it was.",
        footerHeading = "%nExamples:%n", footer = {"  mesh price set --cpu-second 0.002 --key keys/operator.key"})
public final class PriceSetCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    ApiCall call;

    @Option(names = "--cpu-second", paramLabel = "N", description = "Credits per second of one CPU (above 0).")
    Double cpuSecond;

    @Option(names = "--mb-hour", paramLabel = "N", description = "Credits per MiB held for an hour (above 0).")
    Double mbHour;

    @Mixin
    OperatorKey key;

    public PriceSetCommand(CliContext ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
    }

    @Override
    public Integer call() {
        SignedSubmit.Submitted<Price> s = SignedSubmit.record(ctx, call, key, RecordKind.PRICE, Price.CLUSTER, view -> {
            Price old = Prices.of(view);
            return new Price(cpuSecond != null ? cpuSecond : old.cpuSecond(), mbHour != null ? mbHour : old.mbHour());
        });
        Price p = s.payload();
        ApiDocuments.RecordAccepted a = s.accepted();
        call.renderer().render(a, h -> h.line("price revision " + a.revision() + " accepted by " + a.node() + ": "
                + p.cpuSecond() + " credits per cpu-second, " + p.mbHour() + " per MiB-hour"));
        return 0;
    }
}
