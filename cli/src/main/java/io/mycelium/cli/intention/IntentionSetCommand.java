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

/** {@code mesh intention allow|deny CALLER CALLEE --key K}. */
public abstract class IntentionSetCommand implements Callable<Integer> {
    private final CliContext ctx;
    private final Intention.Action action;

    @Mixin
    ApiCall call;

    @Parameters(index = "0", paramLabel = "CALLER", description = "The calling app, or * for any app.")
    String caller;

    @Parameters(index = "1", paramLabel = "CALLEE", description = "The called app, or * for any app.")
    String callee;

    @Mixin
    OperatorKey key;

    IntentionSetCommand(CliContext ctx, Intention.Action action) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.action = Objects.requireNonNull(action, "action");
    }

    @Override
    public Integer call() {
        return submit(ctx, call, key, caller, callee, action);
    }

    static int submit(CliContext ctx, ApiCall call, OperatorKey key, String caller, String callee, Intention.Action action) {
        SignedSubmit.Submitted<Intention> s = SignedSubmit.record(ctx, call, key, RecordKind.INTENTION, Intention.name(caller, callee),
                view -> new Intention(caller, callee, action), AgentClient::submitIntention);
        ApiDocuments.RecordAccepted a = s.accepted();
        Intention i = s.payload();
        call.renderer().render(a, h -> h.line("intention " + i.action().wire() + " " + i.caller() + " -> " + i.callee()
                + " (revision " + a.revision() + ") accepted by " + a.node()));
        return 0;
    }

    /** {@code mesh intention allow}. */
    @Command(name = "allow", header = "Let CALLER call CALLEE through the hyphae routers.",
            footerHeading = "%nExamples:%n", footer = {"  mesh intention allow frontend billing --key keys/operator.key",
            "  mesh intention allow frontend '*' --key keys/operator.key"})
    public static final class Allow extends IntentionSetCommand {
        public Allow(CliContext ctx) {
            super(ctx, Intention.Action.ALLOW);
        }
    }

    /** {@code mesh intention deny}. */
    @Command(name = "deny", header = "Refuse CALLER's calls to CALLEE (403 with the reason, counted).",
            footerHeading = "%nExamples:%n", footer = {"  mesh intention deny frontend ledger --key keys/operator.key",
            "  mesh intention deny '*' ledger --key keys/operator.key"})
    public static final class Deny extends IntentionSetCommand {
        public Deny(CliContext ctx) {
            super(ctx, Intention.Action.DENY);
        }
    }
}
