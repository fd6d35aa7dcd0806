package io.mycelium.cli.intention;

import io.mycelium.cli.CliContext;
import io.mycelium.cli.MeshException;
import io.mycelium.cli.api.ApiCall;
import io.mycelium.cli.api.OperatorKey;
import io.mycelium.fabric.model.Intention;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code mesh intention default allow|deny --key K}: the intention {@code * *}. */
@Command(name = "default", header = "Set what calls no other intention matches get: allow or deny.",
        description = {"", "The cluster default is the signed intention '* *'; mesh intention remove '*' '*' takes it away "
                + "(then unmatched calls are allowed)."},
        footerHeading = "%nExamples:%n", footer = {"  mesh intention default deny --key keys/operator.key"})
public final class IntentionDefaultCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    ApiCall call;

    @Parameters(index = "0", paramLabel = "allow|deny", description = "What unmatched calls get.")
    String action;

    @Mixin
    OperatorKey key;

    public IntentionDefaultCommand(CliContext ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
    }

    @Override
    public Integer call() {
        Intention.Action a;
        try {
            a = Intention.Action.parse(action);
        } catch (IllegalArgumentException e) {
            throw MeshException.usage(e.getMessage());
        }
        return IntentionSetCommand.submit(ctx, call, key, Intention.ANY, Intention.ANY, a);
    }
}
