package io.mycelium.cli.fabric;

import io.mycelium.fabric.status.MemberMain;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mesh fabric member}: one bare member, until stopped. */
@Command(name = "member",
        header = "Run one bare fabric member (no workloads) with a read-only status server.",
        description = {
                "",
                "Joins the cluster named by --cluster, found by mDNS on --mdns-interface and/or the --join seeds, "
                        + "and serves GET /v1/nodes and /v1/state on --bind:--api-port for mesh nodes / mesh state. "
                        + "Runs until TERM or Ctrl-C.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
                "  mesh fabric keygen --out cluster.key",
                "  mesh fabric member --node-id a --cluster-key cluster.key --fabric-port 7946 --api-port 7070 --mdns-interface lo",
                "  mesh fabric member --node-id b --cluster-key cluster.key --fabric-port 7956 --api-port 7957 --join 127.0.0.1:7946",
        })
public final class FabricMemberCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--cluster", defaultValue = "mycelium", description = "Cluster name (default: ${DEFAULT-VALUE}).")
    String cluster;

    @Option(names = "--node-id", required = true, description = "This member's id.")
    String nodeId;

    @Option(names = "--role", defaultValue = "agent", description = "agent, edge or console (default: ${DEFAULT-VALUE}).")
    String role;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to bind and advertise (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--fabric-port", defaultValue = "7946", description = "Fabric TCP port (default: ${DEFAULT-VALUE}).")
    int fabricPort;

    @Option(names = "--api-port", defaultValue = "7070", description = "Status HTTP port (default: ${DEFAULT-VALUE}).")
    int apiPort;

    @Option(names = "--mdns-interface", description = "Interface name or address for mDNS; none means no mDNS.")
    String mdnsInterface;

    @Option(names = "--join", paramLabel = "HOST:PORT", description = "A seed member; repeatable.")
    List<String> join = new ArrayList<>();

    @Option(names = "--data-dir", description = "Where state and known peers are kept across restarts.")
    Path dataDir;

    @Option(names = "--cluster-key", required = true, description = "The cluster keyring file (mesh fabric keygen).")
    Path clusterKey;

    @Option(names = "--trust", description = "Directory of operator public keys whose plans are accepted.")
    Path trust;

    @Option(names = "--label", paramLabel = "KEY=VALUE", description = "A node label for placement; repeatable.")
    List<String> labels = new ArrayList<>();

    @Override
    public Integer call() {
        List<String> args = new ArrayList<>(List.of("--cluster", cluster, "--node-id", nodeId, "--role", role, "--bind", bind,
                "--fabric-port", Integer.toString(fabricPort), "--api-port", Integer.toString(apiPort),
                "--cluster-key", clusterKey.toString()));
        if (mdnsInterface != null) {
            args.addAll(List.of("--mdns-interface", mdnsInterface));
        }
        for (String j : join) {
            args.addAll(List.of("--join", j));
        }
        if (dataDir != null) {
            args.addAll(List.of("--data-dir", dataDir.toString()));
        }
        if (trust != null) {
            args.addAll(List.of("--trust", trust.toString()));
        }
        for (String l : labels) {
            args.addAll(List.of("--label", l));
        }
        java.io.PrintStream out = io.mycelium.cli.WriterStreams.printStream(spec.commandLine().getOut());
        java.io.PrintStream err = io.mycelium.cli.WriterStreams.printStream(spec.commandLine().getErr());
        return MemberMain.run(args.toArray(String[]::new), out, err, true);
    }
}
