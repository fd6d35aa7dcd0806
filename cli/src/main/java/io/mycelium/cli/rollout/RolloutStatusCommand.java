package io.mycelium.cli.rollout;

import io.mycelium.cli.CliContext;
import io.mycelium.cli.MeshException;
import io.mycelium.cli.OutputOptions;
import io.mycelium.cli.Renderer;
import io.mycelium.client.http.AgentClient;
import io.mycelium.cli.api.ApiOptions;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.rollout.RolloutDecision;
import io.mycelium.fabric.rollout.Rollouts;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mesh rollout status APP [-w]}. */
@Command(name = "status",
        header = "Show an app's rollout: phase, step, traffic split, Ready counts, analysis, and what it waits for.",
        description = {"", "The CLI computes the same decision as every agent and edge, from the agent's view. With -w it prints each "
                + "change until the rollout ends (completed, aborted, or waiting for a start)."},
        footerHeading = "%nExamples:%n",
        footer = {"  mesh rollout status billing", "  mesh rollout status billing -w", "  mesh rollout status billing -o json"})
public final class RolloutStatusCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Mixin
    ApiOptions api;

    @Parameters(index = "0", paramLabel = "APP", description = "The app.")
    String app;

    @Option(names = {"-w", "--watch"}, description = "Print each change until the rollout ends.")
    boolean watch;

    public RolloutStatusCommand(CliContext ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
    }

    @Override
    public Integer call() throws InterruptedException {
        Renderer out = Renderer.of(spec, output);
        try (AgentClient client = api.client(ctx)) {
            RolloutClient rc = new RolloutClient(client);
            RolloutStatus last = null;
            while (true) {
                RolloutDecision d = decision(rc);
                RolloutStatus s = RolloutStatus.of(d);
                if (!s.equals(last)) {
                    out.render(s, s::print);
                    last = s;
                }
                if (!watch || d.phase().settled()) {
                    return 0;
                }
                Thread.sleep(500); // the poll interval of a person watching, not a test's wait
            }
        }
    }

    private RolloutDecision decision(RolloutClient rc) {
        ClusterView view = rc.view();
        return Rollouts.next(view, app, Instant.ofEpochMilli(ctx.clock().millis()))
                .orElseThrow(() -> MeshException.notFound(app + " has no plan at " + rc.base() + ": see mesh apps"));
    }
}
