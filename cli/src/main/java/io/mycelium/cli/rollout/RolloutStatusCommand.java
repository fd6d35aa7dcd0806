package io.mycelium.cli.rollout;

import io.mycelium.cli.CliContext;
import io.mycelium.cli.Renderer;
import io.mycelium.fabric.rollout.Phase;
import io.mycelium.fabric.rollout.RolloutDecision;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mesh rollout status APP [-w]}. */
@Command(name = "status",
        header = "Show an app's rollout: phase, step, traffic split, Ready counts, analysis, and what it waits for.",
        description = {"", "The CLI computes the same decision as every agent and edge, from the agent's view. With -w it prints each "
                + "change until the rollout ends (completed, aborted, or waiting for a start); a countdown alone is not a change; "
                + "with -w -o json, one JSON document per line.",
                "", "Exit codes: 0 shown (with -w: the rollout ended and was not aborted), 1 with -w: it ended aborted "
                + "(the reason is in the last status), or the agent could not answer; 2 bad usage."},
        footerHeading = "%nExamples:%n",
        footer = {"  mesh rollout status billing", "  mesh rollout status billing -w", "  mesh rollout status billing -o json"})
public final class RolloutStatusCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    RolloutApp rollout;

    @Option(names = {"-w", "--watch"}, description = "Print each change until the rollout ends; exit 1 if it ends aborted.")
    boolean watch;

    public RolloutStatusCommand(CliContext ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
    }

    @Override
    public Integer call() throws InterruptedException {
        String app = rollout.name();
        Renderer out = rollout.renderer();
        try (RolloutClient rc = rollout.open(ctx)) {
            RolloutStatus last = null; // without countdowns
            while (true) {
                RolloutDecision d = rc.decision(app, Instant.ofEpochMilli(ctx.clock().millis()));
                RolloutStatus s = RolloutStatus.of(d);
                if (!s.withoutCountdowns().equals(last)) {
                    if (watch) {
                        out.renderLine(s, s::print);
                    } else {
                        out.render(s, s::print);
                    }
                    last = s.withoutCountdowns();
                }
                if (!watch) {
                    return 0;
                }
                if (d.phase().settled()) {
                    return d.phase() == Phase.ABORTED ? 1 : 0;
                }
                Thread.sleep(500); // the poll interval of a person watching, not a test's wait
            }
        }
    }
}
