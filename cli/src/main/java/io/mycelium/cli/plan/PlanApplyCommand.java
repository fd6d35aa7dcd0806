package io.mycelium.cli.plan;

import io.mycelium.client.api.ApiDocuments;
import io.mycelium.cli.CliContext;
import io.mycelium.cli.MeshException;
import io.mycelium.cli.OutputOptions;
import io.mycelium.cli.Renderer;
import io.mycelium.client.http.AgentClient;
import io.mycelium.client.plan.PlanFile;
import io.mycelium.client.plan.PlanFileException;
import io.mycelium.client.plan.PlanNutrients;
import io.mycelium.cli.api.ApiOptions;
import io.mycelium.cli.api.ClusterViews;
import io.mycelium.cli.budget.Credits;
import io.mycelium.client.explain.PlanPreview;
import io.mycelium.cli.rollout.StrategyOptions;
import io.mycelium.fabric.model.Json;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.fabric.state.OperatorRecords;
import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.key.SigningKey;
import io.mycelium.spore.manifest.Manifest;
import io.mycelium.spore.manifest.ManifestCodec;
import io.mycelium.spore.verify.SporeRejectedException;
import io.mycelium.spore.verify.SporeVerifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mesh plan apply [FILE] [--app A --digest D|--spore F --instances N --env K=V --label K=V --strategy S] --key K}. */
@Command(name = "apply",
        header = "Sign a plan with an operator key and submit it to an agent; the cluster converges on it.",
        description = {
                "",
                "The plan comes from FILE (JSON: app, digest or spore, instances, env, config, placement, strategy) or "
                        + "from flags; flags are applied over FILE, or over the app's current plan when there is no FILE, "
                        + "so `--app billing --instances 3` scales without restating the rest. The nutrients "
                        + "(cpu_milli, memory_mb) are copied from the spore's manifest (--spore, or the agent's copy). "
                        + "The plan is signed at the app's current revision + 1.",
                "",
                "Before submitting, the plan is run through the same placement function the agents run (the ledger's "
                        + "admission inside): the output gives what it would cost per hour at full use of its nutrients, "
                        + "against the app's budget, and why any instance would not run (the budget's max, out of credits, "
                        + "capacity, nutrients larger than any node). --dry-run stops there.",
        },
        footerHeading = "%nExamples:%n",
        footer = {"  mesh plan apply --app billing --spore out/billing-1.0.0.spore \\",
                "      --instances 2 --key keys/operator.key",
                "  mesh plan apply --app billing --strategy blue-green --auto-promote-after 30s --key keys/operator.key",
                "  mesh plan apply --app billing --instances 3 --key keys/operator.key",
                "  mesh plan apply --app billing --instances 6 --dry-run",
                "  mesh plan apply billing.plan.json --key keys/operator.key -o json"})
public final class PlanApplyCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Mixin
    ApiOptions api;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "A plan file (JSON).")
    Path file;

    @Option(names = "--key", paramLabel = "FILE", description = "The operator's private key (PEM) that signs the plan (not needed with --dry-run).")
    Path key;

    @Option(names = "--dry-run", description = "Show what the plan would run and cost in credits per hour against the app's budget, "
            + "and why any instance would not run; sign and submit nothing. Exit 1 if some instances would not run.")
    boolean dryRun;

    @Option(names = "--app", paramLabel = "APP", description = "The app (required unless FILE names it).")
    String app;

    @Option(names = "--digest", paramLabel = "sha256:HEX", description = "The spore to run, by digest.")
    String digest;

    @Option(names = "--spore", paramLabel = "FILE", description = "The spore to run, by file (its digest and manifest are read locally).")
    Path spore;

    @Option(names = "--instances", paramLabel = "N", description = "How many instances.")
    Integer instances;

    @Option(names = "--env", paramLabel = "K=V", description = "An environment variable for the workload (repeatable; K= removes it).")
    Map<String, String> env = new LinkedHashMap<>();

    @Option(names = "--label", paramLabel = "K=V", description = "A node label the instances need (repeatable; K= removes it).")
    Map<String, String> labels = new LinkedHashMap<>();

    @Mixin
    StrategyOptions strategy;

    public PlanApplyCommand(CliContext ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
    }

    @Override
    public Integer call() throws IOException {
        if (digest != null && spore != null) {
            throw MeshException.usage("give --digest or --spore, not both");
        }
        if (key == null && !dryRun) {
            throw MeshException.usage("give --key FILE (the operator key that signs the plan), or --dry-run to only preview it");
        }
        Manifest localManifest = null;
        Digest flagDigest = null;
        if (spore != null) {
            try {
                var info = SporeVerifier.inspect(spore);
                localManifest = info.manifest();
                flagDigest = info.digest();
            } catch (SporeRejectedException e) {
                throw MeshException.rejected("--spore " + spore + " is not a spore: " + e.getMessage() + " [" + e.reason() + "]");
            }
        } else if (digest != null) {
            flagDigest = parseDigest(digest, "--digest");
        }
        Renderer out = Renderer.of(spec, output);
        try (AgentClient client = api.client(ctx)) {
            PlanFile fromFile = file == null ? null : readFile(file);
            if (fromFile != null && fromFile.manifest().isPresent() && localManifest == null) {
                localManifest = fromFile.manifest().get();
            }
            String name = app != null ? app : fromFile != null ? fromFile.app().orElse(null) : null;
            if (name == null) {
                throw MeshException.usage("which app? give --app NAME (or a FILE with \"app\")");
            }
            Optional<ApiDocuments.PlanRow> current = client.plan(name);
            Plan base = fromFile != null ? planOf(fromFile, flagDigest) : current.map(ApiDocuments.PlanRow::plan).orElse(null);
            if (base == null) {
                if (flagDigest == null) {
                    throw MeshException.usage("app " + name + " has no plan yet: give --spore FILE or --digest sha256:... (and --instances N)");
                }
                base = Plan.of(name, flagDigest, instances == null ? 1 : instances);
            }
            Plan plan = applyFlags(base, name, flagDigest);
            plan = withNutrients(client, plan, localManifest, current.map(ApiDocuments.PlanRow::plan).orElse(null));
            PlanPreview.Preview preview = PlanPreview.of(ClusterViews.of(client), plan);
            if (dryRun) {
                return renderPreview(out, plan, preview);
            }
            SigningKey signer = SigningKey.read(key);
            long revision = current.map(ApiDocuments.PlanRow::revision).orElse(0L) + 1;
            FabricRecord signed = OperatorRecords.sign(signer, plan, name, revision, ctx.clock().millis() << 16);
            ApiDocuments.PlanAccepted accepted = client.submitPlan(signed);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("accepted", accepted.accepted());
            result.put("app", name);
            result.put("revision", accepted.revision());
            result.put("node", accepted.node());
            result.put("signer", signer.id().hex());
            result.put("plan", Json.MAPPER.readTree(Json.write(plan)));
            result.put("preview", preview);
            Plan p = plan;
            out.render(result, h -> {
                h.line("plan " + name + " revision " + accepted.revision() + " accepted by " + accepted.node() + ": "
                        + p.instances() + " x " + p.digest().shortForm() + " (cpu_milli=" + p.cpuMilli() + ", memory_mb=" + p.memoryMb()
                        + ", strategy " + p.strategy().kind().name().toLowerCase(Locale.ROOT) + ")");
                previewLines(preview).forEach(h::line);
            });
        }
        return 0;
    }

    /** The dry run's output: the preview; exit 1 when some instances would not run. */
    private int renderPreview(Renderer out, Plan plan, PlanPreview.Preview preview) throws IOException {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("dry_run", true);
        result.put("app", plan.app());
        result.put("runs_as_asked", preview.runsAsAsked());
        result.put("plan", Json.MAPPER.readTree(Json.write(plan)));
        result.put("preview", preview);
        out.render(result, h -> {
            h.line("plan " + plan.app() + " (dry run, nothing signed or applied): " + plan.instances() + " x " + plan.digest().shortForm()
                    + " (cpu_milli=" + plan.cpuMilli() + ", memory_mb=" + plan.memoryMb() + ")");
            previewLines(preview).forEach(h::line);
        });
        return preview.runsAsAsked() ? 0 : 1;
    }

    /** The preview in words: what would run, what it costs per hour against the budget, and why anything would not run. */
    static List<String> previewLines(PlanPreview.Preview p) {
        List<String> lines = new ArrayList<>();
        String cost = "cost: up to " + Credits.format(p.costPerHourMax()) + " credits/h at full use of the nutrients (now "
                + Credits.format(p.currentCostPerHour()) + "/h; price " + p.price().cpuSecond() + " per cpu-second, "
                + p.price().mbHour() + " per MiB-hour)";
        lines.add("would run " + p.placed() + " of " + p.asked() + (p.runsAsAsked() ? "" : ": REFUSED for " + (p.asked() - p.placed())));
        lines.add(cost);
        PlanPreview.BudgetNow b = p.budget();
        lines.add(b != null ? "budget: balance " + Credits.format(b.balance()) + ", rate " + Credits.format(b.ratePerHour())
                + "/h, min " + b.min() + ", max " + b.max() + ", priority " + b.priority() + "; "
                + (p.hoursToEmpty() == null ? "the rate covers it: the balance does not run out"
                        : "the balance lasts " + Credits.hours(p.hoursToEmpty()) + " at that cost")
                : "budget: none (nothing limits what it spends; give one: mesh budget set " + p.app() + " --credits N --min 1 --max N --key K)");
        p.refusals().forEach(r -> lines.add("not run: " + r));
        p.notes().forEach(n -> lines.add("note: " + n));
        return lines;
    }

    private static Digest parseDigest(String text, String what) {
        try {
            return Digest.parse(text);
        } catch (IllegalArgumentException e) {
            throw MeshException.usage(what + " " + text + ": not a digest (sha256:<64 hex>)");
        }
    }

    private Plan applyFlags(Plan base, String name, Digest flagDigest) {
        if (!base.app().equals(name)) {
            throw MeshException.usage("--app " + name + " differs from the plan's app '" + base.app() + "'");
        }
        Plan p = base;
        if (flagDigest != null) {
            p = p.withDigest(flagDigest);
        }
        if (instances != null) {
            try {
                p = p.withInstances(instances);
            } catch (IllegalArgumentException e) {
                throw MeshException.usage("--instances " + instances + ": " + e.getMessage());
            }
        }
        if (!env.isEmpty()) {
            p = p.withEnv(merge(p.env(), env));
        }
        if (!labels.isEmpty()) {
            p = p.withPlacement(merge(p.placement(), labels));
        }
        if (strategy.given()) {
            p = p.withStrategy(strategy.over(p.strategy()));
        }
        return p;
    }

    private static Map<String, String> merge(Map<String, String> current, Map<String, String> changes) {
        Map<String, String> out = new LinkedHashMap<>(current);
        changes.forEach((k, v) -> {
            if (v == null || v.isEmpty()) {
                out.remove(k);
            } else {
                out.put(k, v);
            }
        });
        return out;
    }

    /** Copies cpu_milli and memory_mb from the spore's manifest (local, or the agent's copy). */
    private Plan withNutrients(AgentClient client, Plan plan, Manifest local, Plan current) {
        Manifest m = local;
        if (m == null) {
            Optional<String> remote = client.manifest(plan.digest());
            if (remote.isPresent()) {
                m = ManifestCodec.parse(remote.get().getBytes(StandardCharsets.UTF_8), client.base() + " manifest of " + plan.digest());
            }
        }
        return PlanNutrients.fill(plan, Optional.ofNullable(m), Optional.ofNullable(current)).orElseThrow(() -> MeshException.rejected(
                "the agent at " + client.base() + " does not hold " + plan.digest() + ", so its nutrients are unknown; publish it first "
                        + "(mesh publish SPORE --api " + client.base() + ") or pass --spore FILE"));
    }

    /** The file's plan; a file without a digest is a usage error (give --digest or --spore), any other problem a refusal. */
    private static Plan planOf(PlanFile file, Digest override) {
        try {
            return file.plan(override);
        } catch (PlanFileException e) {
            throw e.reason() == PlanFileException.Reason.NO_DIGEST ? MeshException.usage(e.getMessage() + ", or pass --digest/--spore")
                    : MeshException.rejected(e.getMessage());
        }
    }

    private static PlanFile readFile(Path file) {
        try {
            return PlanFile.read(file);
        } catch (PlanFileException e) {
            throw MeshException.rejected(e.getMessage());
        }
    }
}
