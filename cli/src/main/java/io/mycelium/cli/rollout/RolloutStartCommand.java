package io.mycelium.cli.rollout;

import io.mycelium.client.api.ApiDocuments;
import io.mycelium.cli.CliContext;
import io.mycelium.cli.MeshException;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.model.UpdateStrategy;
import io.mycelium.fabric.rollout.RolloutCommands;
import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.key.SigningKey;
import io.mycelium.spore.manifest.Manifest;
import io.mycelium.spore.verify.SporeRejectedException;
import io.mycelium.spore.verify.SporeVerifier;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mesh rollout start APP --spore F|--digest D [--strategy ...] --key K}. */
@Command(name = "start",
        header = "Start rolling an app out to a new revision (the plan is updated to it beside the rollout command).",
        description = {"",
                "The app keeps its plan (instances, env, placement); the rollout moves it to the new revision with the "
                        + "plan's strategy, or the one given here (blue-green when the plan's is surge). The spore must be "
                        + "published first (mesh publish). blue-green: green starts beside blue and gets only previews "
                        + "(header X-Mycelium-Preview: 1, or /APP@preview/...) until promoted; canary: weighted steps; "
                        + "rolling: batches. A step not Ready within --progress-deadline, or errors over the threshold in "
                        + "the edges' telemetry, abort it by itself."},
        footerHeading = "%nExamples:%n",
        footer = {"  mesh rollout start billing --spore out/billing-2.0.0.spore --key keys/operator.key",
                "  mesh rollout start billing --digest sha256:... --strategy canary --steps 10:30s,50:30s --key keys/operator.key",
                "  mesh rollout start billing --spore b2.spore --strategy rolling --max-surge 1 --min-ready 5s --key keys/operator.key"})
public final class RolloutStartCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    RolloutApp rollout;

    @Mixin
    StrategyOptions strategy;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Revision revision;

    static final class Revision {
        @Option(names = "--spore", paramLabel = "FILE", description = "The new revision, by spore file (read locally for its digest, version and nutrients).")
        Path spore;

        @Option(names = "--digest", paramLabel = "sha256:HEX", description = "The new revision, by digest.")
        String digest;
    }

    @Mixin
    OperatorSigning signing;

    public RolloutStartCommand(CliContext ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
    }

    @Override
    public Integer call() {
        String app = rollout.name();
        SigningKey signer = signing.signer();
        Digest target;
        Manifest manifest = null;
        if (revision.spore != null) {
            try {
                var info = SporeVerifier.inspect(revision.spore);
                target = info.digest();
                manifest = info.manifest();
            } catch (SporeRejectedException e) {
                throw MeshException.rejected("--spore " + revision.spore + " is not a spore: " + e.getMessage() + " [" + e.reason() + "]");
            } catch (java.io.UncheckedIOException e) {
                throw MeshException.rejected("--spore " + revision.spore + ": cannot read it: " + e.getMessage());
            }
        } else {
            try {
                target = Digest.parse(revision.digest);
            } catch (IllegalArgumentException e) {
                throw MeshException.usage("--digest " + revision.digest + ": not a digest (sha256:<64 hex>)");
            }
        }
        long hlc = RolloutClient.hlc(() -> ctx.clock().millis());
        try (RolloutClient rc = rollout.open(ctx)) {
            ClusterView view = rc.view();
            Plan current = view.plan(app).orElseThrow(() -> MeshException.rejected(app + " has no plan: deploy it first with mesh plan apply --app "
                    + app + " --spore FILE --key KEY"));
            // a plan applied with surge rolls out blue/green, also when only a setting (--progress-deadline 2s) is given
            UpdateStrategy base = current.strategy().managed() ? current.strategy() : UpdateStrategy.blueGreen(null);
            UpdateStrategy s = strategy.given() ? strategy.over(base) : base;
            if (!s.managed()) {
                throw MeshException.usage("--strategy surge is not a rollout: use blue-green, canary or rolling (or mesh plan apply for surge)");
            }
            Plan plan = current.withDigest(target).withStrategy(s);
            if (manifest != null) {
                plan = plan.withNutrients(manifest.nutrients().cpuMilli(), manifest.nutrients().memoryMb());
            }
            String version = manifest == null ? "" : manifest.identity().version();
            ApiDocuments.RolloutAccepted a = rc.command(app, signer, hlc,
                    v -> RolloutCommands.start(v, app, target, version, signer.id(), hlc, signing.note));
            ApiDocuments.PlanAccepted p = rc.plan(view, plan, signer, hlc);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("accepted", a.accepted() && p.accepted());
            result.put("app", app);
            result.put("rollout", hlc);
            result.put("target", target.toString());
            result.put("strategy", s.kind().flag());
            result.put("node", a.node());
            rollout.renderer().render(result, h -> {
                h.line("rollout of " + app + " to " + target.shortForm() + " (" + s.kind().flag() + ") started at " + a.node());
                if (s.kind() == UpdateStrategy.Kind.BLUE_GREEN) {
                    h.line("  preview it: curl -H 'X-Mycelium-Preview: 1' EDGE/" + app + "/   or   curl EDGE/" + app + "@preview/");
                    if (s.autoPromoteAfterMs() == null) {
                        h.line("  then: mesh rollout promote " + app + " --key " + signing.key.path());
                    }
                }
                h.line("  follow it: mesh rollout status " + app + " -w");
            });
        }
        return 0;
    }
}
