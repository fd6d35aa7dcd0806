package io.mycelium.cli.apps;

import io.mycelium.cli.MeshException;
import io.mycelium.client.api.ApiDocuments;
import io.mycelium.cli.CliContext;
import io.mycelium.cli.OutputOptions;
import io.mycelium.cli.Renderer;
import io.mycelium.cli.Table;
import io.mycelium.client.http.AgentClient;
import io.mycelium.cli.api.ApiOptions;
import io.mycelium.fabric.model.Json;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mesh apps [APP]}. */
@Command(name = "apps",
        header = "List the apps: plan revision, spore, ready/desired instances, and why slots are unplaced.",
        footerHeading = "%nExamples:%n",
        footer = {"  mesh apps", "  mesh apps billing -o json"})
public final class AppsCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Mixin
    ApiOptions api;

    @Parameters(index = "0", arity = "0..1", paramLabel = "APP", description = "Only this app.")
    String app;

    public AppsCommand(CliContext ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
    }

    @Override
    public Integer call() {
        List<ApiDocuments.AppRow> rows;
        String node;
        try (AgentClient client = api.client(ctx)) {
            if (app == null) {
                ApiDocuments.Apps doc = client.apps();
                rows = doc.apps();
                node = doc.node();
            } else {
                rows = List.of(client.app(app).orElseThrow(() -> MeshException.notFound("no app '" + app + "' in the cluster seen by "
                        + client.base() + " (no plan, no endpoint, no instance); see mesh apps")));
                node = null;
            }
        }
        Renderer r = Renderer.of(spec, output);
        if (r.json()) {
            spec.commandLine().getOut().println(Json.write(app == null ? new ApiDocuments.Apps(node, rows) : rows.get(0)));
            spec.commandLine().getOut().flush();
            return 0;
        }
        r.render(rows, h -> {
            if (rows.isEmpty()) {
                h.line("no apps yet; apply a plan: mesh plan apply --app NAME --spore FILE --instances N --key operator.key");
                return;
            }
            Table t = Table.of("APP", "REVISION", "SPORE", "READY", "STRATEGY", "STATES", "NOTE");
            for (ApiDocuments.AppRow a : rows) {
                String states = a.states().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
                t.row(a.app(), a.revision() == 0 ? "-" : Long.toString(a.revision()),
                        a.plan() == null ? "-" : a.plan().digest().shortForm(),
                        a.ready() + "/" + a.desired(),
                        a.plan() == null ? "-" : a.plan().strategy().kind().name().toLowerCase(Locale.ROOT),
                        states.isEmpty() ? "-" : states, note(a));
            }
            h.table(t);
            for (ApiDocuments.AppRow a : rows) {
                for (ApiDocuments.UnplacedRow u : a.unplaced()) {
                    h.line(a.app() + " slot " + u.slot() + " unplaced: " + u.reason());
                }
            }
        });
        return 0;
    }

    private static String note(ApiDocuments.AppRow a) {
        if (!a.unplaced().isEmpty()) {
            return a.unplaced().size() + " unplaced";
        }
        if (a.onOtherDigest() > 0) {
            return "updating (" + a.onOtherDigest() + " on the old spore)";
        }
        Map<String, Integer> s = a.states();
        if (s.getOrDefault("crash_loop", 0) + s.getOrDefault("failed", 0) > 0) {
            return "failing: see mesh instances --app " + a.app();
        }
        return a.ready() >= a.desired() ? "" : "starting";
    }
}
