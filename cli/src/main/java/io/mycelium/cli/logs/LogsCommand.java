package io.mycelium.cli.logs;

import io.mycelium.client.api.ApiDocuments;
import io.mycelium.cli.CliContext;
import io.mycelium.cli.MeshException;
import io.mycelium.client.http.AgentClient;
import io.mycelium.cli.api.ApiOptions;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mesh logs APP|INSTANCE [-f] [--tail N] [--stream stdout|stderr]}. */
@Command(name = "logs",
        header = "Print an app's or an instance's output; -f follows it as it is written.",
        description = {
                "",
                "For an app, every instance's lines are printed, each prefixed with its instance id. Each instance's "
                        + "lines come from the agent that runs it (its API URL is in the cluster state).",
        },
        footerHeading = "%nExamples:%n",
        footer = {"  mesh logs billing", "  mesh logs billing -f --tail 20", "  mesh logs billing-0-a1b2 --stream stderr"})
public final class LogsCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Spec
    CommandSpec spec;

    @Mixin
    ApiOptions api;

    @Parameters(index = "0", paramLabel = "APP|INSTANCE", description = "An app name or an instance id.")
    String target;

    @Option(names = {"-f", "--follow"}, description = "Keep printing lines as they are written (Ctrl-C to stop).")
    boolean follow;

    @Option(names = "--tail", paramLabel = "N", defaultValue = "100", description = "How many past lines per instance (default: ${DEFAULT-VALUE}).")
    int tail;

    @Option(names = "--stream", paramLabel = "NAME", defaultValue = "stdout", description = "stdout or stderr (default: ${DEFAULT-VALUE}).")
    String stream;

    public LogsCommand(CliContext ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
    }

    @Override
    public Integer call() throws InterruptedException {
        if (!stream.equals("stdout") && !stream.equals("stderr")) {
            throw MeshException.usage("--stream " + stream + ": not stdout or stderr");
        }
        if (tail < 0 || tail > 10_000) {
            throw MeshException.usage("--tail " + tail + ": not a number from 0 to 10000");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (AgentClient client = api.client(ctx)) {
            List<ApiDocuments.InstanceRow> targets = resolve(client);
            boolean prefix = targets.size() > 1;
            if (targets.size() == 1) {
                print(client, targets.get(0), prefix, out);
                return 0;
            }
            AtomicReference<RuntimeException> failure = new AtomicReference<>();
            List<Thread> threads = new ArrayList<>();
            for (ApiDocuments.InstanceRow i : targets) {
                threads.add(Thread.ofVirtual().name("mesh-logs-" + i.id()).start(() -> {
                    try {
                        print(client, i, prefix, out);
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    }
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
            if (failure.get() != null) {
                throw failure.get();
            }
        }
        return 0;
    }

    private List<ApiDocuments.InstanceRow> resolve(AgentClient client) {
        List<ApiDocuments.InstanceRow> all = client.instances(null, null).instances();
        for (ApiDocuments.InstanceRow i : all) {
            if (i.id().equals(target)) {
                return List.of(i);
            }
        }
        List<ApiDocuments.InstanceRow> ofApp = all.stream().filter(i -> i.app().equals(target) && !i.state().equals("stopped")).toList();
        if (ofApp.isEmpty()) {
            throw MeshException.notFound("no app or instance named '" + target + "' runs in the cluster seen by " + client.base()
                    + "; see mesh apps and mesh instances");
        }
        return ofApp;
    }

    private void print(AgentClient client, ApiDocuments.InstanceRow i, boolean prefix, PrintWriter out) {
        String tag = prefix ? "[" + i.id() + "] " : "";
        try (Stream<String> lines = client.logs(i.id(), i.nodeApi(), stream, tail, follow)) {
            lines.forEach(line -> {
                synchronized (out) {
                    out.println(tag + line);
                    out.flush();
                }
            });
        }
    }
}
