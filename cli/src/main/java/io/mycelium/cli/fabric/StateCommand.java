package io.mycelium.cli.fabric;

import io.mycelium.cli.api.ApiOptions;
import io.mycelium.client.http.AgentClient;
import io.mycelium.cli.CliContext;
import io.mycelium.cli.OutputOptions;
import io.mycelium.cli.Renderer;
import io.mycelium.cli.Table;
import io.mycelium.fabric.model.Json;
import io.mycelium.fabric.status.StatusDocuments;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mesh state [--api URL] [--kind KIND]}. */
@Command(name = "state",
        header = "List the records one member holds, with their versions.",
        description = {
                "",
                "Node-owned records (node, capacity, telemetry, instance, endpoint) have version "
                        + "incarnation.counter; operator records (plan, budget, rollout) have revision.hlc and their signer.",
        },
        footerHeading = "%nExamples:%n",
        footer = {"  mesh state --api http://127.0.0.1:7070", "  mesh state --kind plan -o json"})
public final class StateCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Option(names = "--api", paramLabel = "URL", description = "A member's API (default: $MESH_API or http://127.0.0.1:7070).")
    String api;

    @Option(names = "--kind", description = "Only records of this kind (node, capacity, telemetry, instance, endpoint, plan, budget, rollout).")
    String kind;

    public StateCommand(CliContext ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
    }

    @Override
    public Integer call() {
        StatusDocuments.State doc;
        try (AgentClient client = new AgentClient(ApiOptions.baseUrl(api, ctx), null)) {
            doc = client.state();
        }
        if (kind != null) {
            doc = new StatusDocuments.State(doc.cluster(), doc.self(),
                    doc.records().stream().filter(r -> r.kind().equals(kind)).toList(), doc.metrics());
        }
        StatusDocuments.State shown = doc;
        Renderer r = Renderer.of(spec, output);
        if (r.json()) {
            spec.commandLine().getOut().println(Json.write(shown));
            spec.commandLine().getOut().flush();
            return 0;
        }
        r.render(shown, h -> {
            Table t = Table.of("KIND", "OWNER", "NAME", "VERSION", "SIGNER", "VALUE");
            for (StatusDocuments.RecordRow row : shown.records()) {
                t.row(row.kind(), row.owner(), row.name().isEmpty() ? "-" : row.name(), row.major() + "." + row.minor(),
                        row.signer().isEmpty() ? "-" : row.signer().substring(0, Math.min(12, row.signer().length())),
                        StatusText.compact(row.payload(), 60));
            }
            h.line(shown.records().size() + " records held by " + shown.self() + " (cluster " + shown.cluster() + ")");
            h.table(t);
        });
        return 0;
    }
}
