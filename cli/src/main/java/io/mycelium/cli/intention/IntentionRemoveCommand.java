package io.mycelium.cli.intention;

import io.mycelium.cli.CliContext;
import io.mycelium.cli.api.ApiCall;
import io.mycelium.cli.api.OperatorKey;
import io.mycelium.cli.api.SignedSubmit;
import io.mycelium.client.api.ApiDocuments;
import io.mycelium.client.http.AgentClient;
import io.mycelium.fabric.model.Intention;
import io.mycelium.fabric.model.RecordKind;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code mesh intention remove CALLER CALLEE --key K}: a signed deletion. */
@Command(name = "remove", header = "Take an intention away (the next most specific one, or the default, decides again).",
        footerHeading = "%nExamples:%n", footer = {"  mesh intention remove frontend billing --key keys/operator.key",
        "  mesh intention remove '*' '*' --key keys/operator.key"})
public final class IntentionRemoveCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    ApiCall call;

    @Parameters(index = "0", paramLabel = "CALLER", description = "The calling app, or *.")
    String caller;

    @Parameters(index = "1", paramLabel = "CALLEE", description = "The called app, or *.")
    String callee;

    @Mixin
    OperatorKey key;

    public IntentionRemoveCommand(CliContext ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
    }

    @Override
    public Integer call() {
        ApiDocuments.RecordAccepted a = SignedSubmit.delete(ctx, call, key, RecordKind.INTENTION, Intention.name(caller, callee),
                "no intention " + caller + " -> " + callee + "; mesh intention list shows them", AgentClient::submitIntention);
        call.renderer().render(a, h -> h.line("intention " + caller + " -> " + callee + " removed (revision " + a.revision()
                + ") by " + a.node()));
        return 0;
    }
}
