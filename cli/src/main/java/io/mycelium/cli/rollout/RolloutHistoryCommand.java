package io.mycelium.cli.rollout;

import io.mycelium.cli.CliContext;
import io.mycelium.cli.Table;
import io.mycelium.fabric.model.RevisionEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code mesh rollout history APP}. */
@Command(name = "history", header = "List an app's revisions, newest first: digest, version, who signed it, when, and the outcome.",
        footerHeading = "%nExamples:%n", footer = {"  mesh rollout history billing", "  mesh rollout history billing -o json"})
public final class RolloutHistoryCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    RolloutApp rollout;

    public RolloutHistoryCommand(CliContext ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
    }

    @Override
    public Integer call() {
        String app = rollout.name();
        try (RolloutClient rc = rollout.open(ctx)) {
            List<RevisionEntry> history = rc.withVersions(rc.decision(app, Instant.ofEpochMilli(ctx.clock().millis())).state().history());
            rollout.renderer().render(Map.of("app", app, "history", history), h -> {
                if (history.isEmpty()) {
                    h.line(app + " has no rollout history yet: start one with mesh rollout start " + app);
                    return;
                }
                Table t = Table.of("REVISION", "VERSION", "SIGNER", "AT", "OUTCOME");
                for (RevisionEntry e : history) {
                    t.row(e.digest().shortForm(), e.version(), e.signer().length() > 12 ? e.signer().substring(0, 12) : e.signer(),
                            e.atMs() == 0 ? "-" : Instant.ofEpochMilli(e.atMs()).toString(), RolloutStatus.outcome(e));
                }
                h.table(t);
            });
        }
        return 0;
    }
}
