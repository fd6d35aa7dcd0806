package io.mycelium.cli.fabric;

import io.mycelium.cli.MeshException;
import io.mycelium.fabric.daemon.MemberDaemon;
import io.mycelium.fabric.daemon.MemberSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
                        + "--node-id and --cluster-key are required; the fabric port defaults to 7946. Runs until TERM or Ctrl-C.",
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

    @Mixin
    FabricFlags fabric = new FabricFlags();

    @Option(names = "--role", description = "agent, edge or console (default: agent).")
    String role;

    @Option(names = "--api-port", paramLabel = "PORT", description = "Status HTTP port (default: 7070).")
    Integer apiPort;

    @Option(names = "--label", paramLabel = "KEY=VALUE", description = "A node label for placement; repeatable.")
    List<String> labels = new ArrayList<>();

    @Override
    public Integer call() {
        MemberSettings settings;
        try {
            settings = new MemberSettings(fabric.cluster, fabric.nodeId, role, fabric.bind, fabric.fabricPort, apiPort,
                    fabric.clusterKey, fabric.operatorTrust, fabric.join, fabric.mdnsInterface, fabric.dataDir, FabricFlags.labels(labels));
        } catch (IllegalArgumentException e) {
            throw MeshException.usage("mesh fabric member: " + e.getMessage());
        }
        java.io.PrintStream out = io.mycelium.cli.WriterStreams.printStream(spec.commandLine().getOut());
        java.io.PrintStream err = io.mycelium.cli.WriterStreams.printStream(spec.commandLine().getErr());
        return MemberDaemon.runUntilStopped(settings, out, err);
    }
}
