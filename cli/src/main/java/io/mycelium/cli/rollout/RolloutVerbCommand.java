package io.mycelium.cli.rollout;

import io.mycelium.client.api.ApiDocuments;
import io.mycelium.cli.CliContext;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.model.RolloutCommand;
import io.mycelium.fabric.rollout.RolloutCommands;
import io.mycelium.spore.key.SigningKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code mesh rollout promote|pause|resume|abort APP --key K}: one signed command on the app's
 * running rollout, built from the cluster's state; refused (exit 1, one line) when it does not
 * apply: no rollout, already promoted, not paused...
 */
public abstract class RolloutVerbCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    RolloutApp rollout;

    @Mixin
    OperatorSigning signing;

    private final Build build;

    protected RolloutVerbCommand(CliContext ctx, Build build) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.build = Objects.requireNonNull(build, "build");
    }

    /** How a verb builds its command from the cluster's view (one of {@link RolloutCommands}' functions). */
    @FunctionalInterface
    protected interface Build {
        RolloutCommand on(ClusterView view, String app, long hlc, String note);
    }

    @Override
    public Integer call() {
        String app = rollout.name();
        SigningKey signer = signing.signer();
        long hlc = RolloutClient.hlc(() -> ctx.clock().millis());
        try (RolloutClient rc = rollout.open(ctx)) {
            ApiDocuments.RolloutAccepted a = rc.command(app, signer, hlc, v -> build.on(v, app, hlc, signing.note));
            String verb = rollout.spec().name();
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("accepted", a.accepted());
            result.put("app", app);
            result.put("action", verb);
            result.put("revision", a.revision());
            result.put("node", a.node());
            rollout.renderer().render(result, h -> h.line(verb + " of " + app + " accepted by " + a.node()
                    + "; follow it with mesh rollout status " + app + " -w"));
        }
        return 0;
    }

    @Command(name = "promote", header = "Pass the current step's gate: the preview (blue/green) or a canary step; then every edge switches.",
            footerHeading = "%nExamples:%n", footer = "  mesh rollout promote billing --key keys/operator.key")
    public static final class Promote extends RolloutVerbCommand {
        public Promote(CliContext ctx) {
            super(ctx, RolloutCommands::promote);
        }
    }

    @Command(name = "pause", header = "Stop the rollout where it is: no step advances by itself (promote and abort still act).",
            footerHeading = "%nExamples:%n", footer = "  mesh rollout pause billing --key keys/operator.key --note 'checking the dashboards'")
    public static final class Pause extends RolloutVerbCommand {
        public Pause(CliContext ctx) {
            super(ctx, RolloutCommands::pause);
        }
    }

    @Command(name = "resume", header = "Resume a paused rollout; the current step's timers count from now.",
            footerHeading = "%nExamples:%n", footer = "  mesh rollout resume billing --key keys/operator.key")
    public static final class Resume extends RolloutVerbCommand {
        public Resume(CliContext ctx) {
            super(ctx, RolloutCommands::resume);
        }
    }

    @Command(name = "abort", header = "Abort: all traffic back to the stable revision; the new one stops once every edge has left it.",
            footerHeading = "%nExamples:%n", footer = "  mesh rollout abort billing --key keys/operator.key --note 'errors in the preview'")
    public static final class Abort extends RolloutVerbCommand {
        public Abort(CliContext ctx) {
            super(ctx, RolloutCommands::abort);
        }
    }
}
