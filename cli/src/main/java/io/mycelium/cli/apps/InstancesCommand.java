package io.mycelium.cli.apps;

import io.mycelium.client.api.ApiDocuments;
import io.mycelium.cli.CliContext;
import io.mycelium.cli.OutputOptions;
import io.mycelium.cli.Renderer;
import io.mycelium.cli.Table;
import io.mycelium.client.http.AgentClient;
import io.mycelium.cli.api.ApiOptions;
import io.mycelium.fabric.model.Json;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mesh instances [--app A] [--node N]}. */
@Command(name = "instances",
        header = "List instances across the cluster: node, state, restarts, and the last message.",
        description = "PORT is shown for every instance that has an endpoint; PID only for the instances of the agent "
                + "that answers (--api), since a process id means something on its own machine only.",
        footerHeading = "%nExamples:%n",
        footer = {"  mesh instances", "  mesh instances --app billing", "  mesh instances --node node-2 -o json"})
public final class InstancesCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Mixin
    ApiOptions api;

    @Option(names = "--app", paramLabel = "APP", description = "Only instances of this app.")
    String app;

    @Option(names = "--node", paramLabel = "NODE", description = "Only instances on this node.")
    String node;

    public InstancesCommand(CliContext ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
    }

    @Override
    public Integer call() {
        ApiDocuments.Instances doc;
        try (AgentClient client = api.client(ctx)) {
            doc = client.instances(app, node);
        }
        Renderer r = Renderer.of(spec, output);
        if (r.json()) {
            spec.commandLine().getOut().println(Json.write(doc));
            spec.commandLine().getOut().flush();
            return 0;
        }
        r.render(doc, h -> {
            if (doc.instances().isEmpty()) {
                h.line("no instances" + (app == null ? "" : " of " + app) + (node == null ? "" : " on " + node));
                return;
            }
            Table t = Table.of("ID", "APP", "NODE", "SLOT", "STATE", "RESTARTS", "PID", "PORT", "MESSAGE");
            for (ApiDocuments.InstanceRow i : doc.instances()) {
                t.row(i.id(), i.app(), i.node(), i.slot(), i.state(), i.restarts(), i.pid(), i.port(),
                        i.message() == null || i.message().isEmpty() ? "-" : i.message());
            }
            h.table(t);
        });
        return 0;
    }
}
