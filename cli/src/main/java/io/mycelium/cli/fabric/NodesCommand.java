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

/** {@code mesh nodes [--api URL]}. */
@Command(name = "nodes",
        header = "List the members one member sees: role, address, status and age.",
        footerHeading = "%nExamples:%n",
        footer = {"  mesh nodes --api http://127.0.0.1:7070", "  mesh nodes -o json | jq '.members[] | select(.status==\"alive\") | .id'"})
public final class NodesCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Option(names = "--api", paramLabel = "URL", description = "A member's API (default: $MESH_API or http://127.0.0.1:7070).")
    String api;

    public NodesCommand(CliContext ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
    }

    @Override
    public Integer call() {
        StatusDocuments.Nodes doc;
        try (AgentClient client = new AgentClient(ApiOptions.baseUrl(api, ctx), null)) {
            doc = client.nodes();
        }
        Renderer r = Renderer.of(spec, output);
        if (r.json()) {
            spec.commandLine().getOut().println(Json.write(doc));
            spec.commandLine().getOut().flush();
            return 0;
        }
        r.render(doc, h -> {
            Table t = Table.of("ID", "ROLE", "ADDRESS", "API", "STATUS", "AGE");
            for (StatusDocuments.MemberRow m : doc.members()) {
                t.row(m.id() + (m.self() ? " (self)" : ""), m.role(), m.address() + ":" + m.fabricPort(),
                        m.apiPort() == 0 ? "-" : Integer.toString(m.apiPort()), m.status(), StatusText.ageText(m.ageMs()));
            }
            h.line("cluster " + doc.cluster() + ", seen by " + doc.self());
            h.table(t);
        });
        return 0;
    }
}
