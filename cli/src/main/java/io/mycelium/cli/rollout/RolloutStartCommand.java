package io.mycelium.cli.rollout;

import io.mycelium.client.api.ApiDocuments;
import io.mycelium.cli.CliContext;
import io.mycelium.cli.MeshException;
import io.mycelium.cli.budget.Credits;
import io.mycelium.client.explain.PlanPreview;
import io.mycelium.client.explain.RolloutPreview;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.model.UpdateStrategy;
import io.mycelium.fabric.rollout.RolloutCommands;
import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.key.KeyId;
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
                        + "the edges' telemetry, abort it by itself.",
                "",
                "Before it submits, it prints what the rollout will cost in credits per hour while both revisions run "
                        + "(blue-green and canary: both at full count until the old one stops; rolling: the plan's count plus "
                        + "the surge), at full use of each revision's nutrients, against the app's budget, and any first-step "
                        + "instance that would not be placed. --dry-run stops there (no --key needed)."},
        footerHeading = "%nExamples:%n",
        footer = {"  mesh rollout start billing --spore out/billing-2.0.0.spore --key keys/operator.key",
                "  mesh rollout start billing --digest sha256:... --strategy canary --steps 10:30s,50:30s --key keys/operator.key",
                "  mesh rollout start billing --spore b2.spore --strategy rolling --max-surge 1 --min-ready 5s --key keys/operator.key",
                "  mesh rollout start billing --spore out/billing-2.0.0.spore --dry-run"})
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

    @Option(names = "--key", paramLabel = "FILE",
            description = "The operator's private key (PEM) that signs the rollout command and the plan (not needed with --dry-run).")
    Path key;

    @Option(names = "--note", paramLabel = "TEXT", description = "Why, for the history and the other operators.")
    String note = "";

    @Option(names = "--dry-run", description = "Show what the rollout would cost per hour while both revisions run, against the app's "
            + "budget, and whether its first step's instances would be placed; sign and submit nothing. Exit 1 if some would not run.")
    boolean dryRun;

    public RolloutStartCommand(CliContext ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
    }

    @Override
    public Integer call() {
        String app = rollout.name();
        if (key == null && !dryRun) {
            throw MeshException.usage("give --key FILE (the operator key that signs the rollout), or --dry-run to only see what it would cost");
        }
        SigningKey signer = key == null ? null : SigningKey.read(key);
        KeyId signerId = signer == null ? KeyId.ofRawPublicKey(new byte[32]) : signer.id();
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
            RolloutPreview.Preview preview;
            try {
                preview = RolloutPreview.of(view, plan, RolloutCommands.start(view, app, target, version, signerId, hlc, note));
            } catch (RolloutCommands.Refused e) {
                throw MeshException.rejected(e.getMessage());
            }
            if (dryRun) {
                return renderPreview(app, target, s, preview);
            }
            rollout.renderer().progress(preview.summary());
            ApiDocuments.RolloutAccepted a = rc.command(app, signer, hlc,
                    v -> RolloutCommands.start(v, app, target, version, signer.id(), hlc, note));
            ApiDocuments.PlanAccepted p = rc.plan(view, plan, signer, hlc);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("accepted", a.accepted() && p.accepted());
            result.put("app", app);
            result.put("rollout", hlc);
            result.put("target", target.toString());
            result.put("strategy", s.kind().flag());
            result.put("node", a.node());
            result.put("preview", preview);
            rollout.renderer().render(result, h -> {
                h.line("rollout of " + app + " to " + target.shortForm() + " (" + s.kind().flag() + ") started at " + a.node());
                if (s.kind() == UpdateStrategy.Kind.BLUE_GREEN) {
                    h.line("  preview it: curl -H 'X-Mycelium-Preview: 1' EDGE/" + app + "/   or   curl EDGE/" + app + "@preview/");
                    if (s.autoPromoteAfterMs() == null) {
                        h.line("  then: mesh rollout promote " + app + " --key " + key);
                    }
                }
                h.line("  follow it: mesh rollout status " + app + " -w");
            });
        }
        return 0;
    }

    /** The dry run's output: the cost while both revisions run and after; exit 1 when some first-step instance would not be placed. */
    private int renderPreview(String app, Digest target, UpdateStrategy s, RolloutPreview.Preview p) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("dry_run", true);
        result.put("app", app);
        result.put("target", target.toString());
        result.put("strategy", s.kind().flag());
        result.put("runs_as_asked", p.runsAsAsked());
        result.put("preview", p);
        rollout.renderer().render(result, h -> {
            h.line("rollout of " + app + " from " + p.stable().shortForm() + " to " + target.shortForm() + " (" + s.kind().flag()
                    + "; dry run, nothing signed or submitted)");
            h.line(p.summary());
            PlanPreview.BudgetNow b = p.budget();
            h.line(b == null ? "budget: none (nothing limits what it spends; give one: mesh budget set " + app + " --credits N --min 1 --max N --key K)"
                    : "budget: balance " + Credits.format(b.balance()) + ", rate " + Credits.format(b.ratePerHour()) + "/h, min " + b.min()
                            + ", max " + b.max() + ", priority " + b.priority());
            h.line(p.runsAsAsked() ? "start it: the same command without --dry-run" + (key == null ? ", with --key FILE" : "")
                    : "make room first (mesh nodes shows what each agent has left), or roll out with --strategy rolling --max-surge 1");
        });
        return p.runsAsAsked() ? 0 : 1;
    }
}
