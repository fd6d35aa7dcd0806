package io.mycelium.cli.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mycelium.agent.daemon.AgentConfig;
import io.mycelium.agent.daemon.AgentMain;
import io.mycelium.cli.MeshException;
import io.mycelium.cli.fabric.FabricFlags;
import io.mycelium.spore.json.JsonMappers;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mesh agent}: the node daemon, until TERM or Ctrl-C. Settings come from {@code --config
 * FILE} (JSON, snake_case names as in {@link AgentConfig}) and flags; a flag wins over the file.
 */
@Command(name = "agent",
        header = "Run this machine's agent: join the fabric, run the instances placed here, serve the HTTP API.",
        description = {
                "",
                "Joins the cluster (mDNS on --mdns-interface and/or the --join seeds), decides with the other agents "
                        + "which instance slots run here, fetches and verifies their spores, runs them as supervised "
                        + "processes and publishes their endpoints. Instances keep running when the agent stops and are "
                        + "adopted when it comes back. Runs until TERM or Ctrl-C.",
                "",
                "The mesh launcher runs the daemon with the JVM flags in lib/agent.jvm-options (a 64 MB heap) and "
                        + "keeps a class-data archive per agent in MESH_CDS_DIR (default ~/.cache/mycelium-mesh): the first "
                        + "start writes it at exit, later starts take about half the CPU.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
                "  mesh agent --node-id a --fabric-port 7946 --api-port 7070 --data-dir /var/lib/mycelium \\",
                "      --cluster-key cluster.key --operator-trust trust/operators --publisher-trust trust/publishers --mdns-interface lo",
                "  mesh agent --config /etc/mycelium/agent.json --label zone=lab1",
                "  mesh agent --config /etc/mycelium/agent.json --reserve-cpu 1000 --reserve-memory 2048   # keep a core and 2 GiB for the host",
        })
public final class AgentCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    FabricFlags fabric = new FabricFlags();

    @Option(names = "--config", paramLabel = "FILE", description = "JSON config file; flags override it.")
    Path config;

    @Option(names = "--api-port", description = "HTTP API port (0: any free port).")
    Integer apiPort;

    @Option(names = "--publisher-trust", paramLabel = "DIR", description = "Publisher public keys whose spores may run.")
    Path publisherTrust;

    @Option(names = "--label", paramLabel = "KEY=VALUE", description = "A node label for placement; repeatable.")
    List<String> labels = new ArrayList<>();

    @Option(names = "--cpu-milli", description = "Allocatable CPU in millicores (default: processors x 1000 less --reserve-cpu).")
    Long cpuMilli;

    @Option(names = "--memory-mb", description = "Allocatable memory in MiB (default: the host's MemTotal less --reserve-memory).")
    Long memoryMb;

    @Option(names = "--reserve-cpu", paramLabel = "MILLI",
            description = "Millicores of the host kept for the agent and the system, not offered to instances "
                    + "(default: 10%% of the host's, at least 250; 0: offer everything). Not with --cpu-milli.")
    Long reserveCpu;

    @Option(names = "--reserve-memory", paramLabel = "MIB",
            description = "MiB of the host's memory kept back the same way (default: 10%%, at least 256). Not with --memory-mb.")
    Long reserveMemory;

    @Option(names = "--ports", paramLabel = "FIRST-LAST", description = "Port range for instances (default: 20000-29999).")
    String ports;

    @Option(names = "--drain-ms", description = "How long an instance is DRAINING before TERM (default: 1000).")
    Long drainMs;

    @Option(names = "--workload-user", description = "Account workloads run as when the agent is root (default: nobody).")
    String workloadUser;

    @Option(names = "--api-token-file", paramLabel = "FILE", description = "API token accepted instead of an operator signature.")
    Path apiTokenFile;

    @Option(names = "--hyphae", paramLabel = "HOST:PORT",
            description = "Where this node's workloads reach the hyphae router (their MYCELIUM_HYPHAE; default: 127.0.0.1:7080, port 0: any free one).")
    String hyphae;

    @Option(names = "--hyphae-overlay-port", paramLabel = "PORT",
            description = "Port on --bind where other nodes' routers reach this one (default: any free port, published in the fabric).")
    Integer hyphaeOverlayPort;

    @Override
    public Integer call() {
        AgentConfig c = resolve();
        PrintStream out = io.mycelium.cli.WriterStreams.printStream(spec.commandLine().getOut());
        PrintStream err = io.mycelium.cli.WriterStreams.printStream(spec.commandLine().getErr());
        return AgentMain.runUntilStopped(c, out, err);
    }

    /** The file's settings with the flags on top. */
    AgentConfig resolve() {
        ObjectMapper json = JsonMappers.configFile();
        ObjectNode node = json.createObjectNode();
        String source = "mesh agent flags";
        if (config != null) {
            try {
                if (!(json.readTree(Files.readString(config)) instanceof ObjectNode o)) {
                    throw MeshException.usage("agent config " + config + " is not a JSON object");
                }
                node = o;
                source = "agent config " + config + " with the flags";
            } catch (NoSuchFileException e) {
                throw MeshException.usage("agent config " + config + " does not exist");
            } catch (IOException e) {
                throw MeshException.usage("agent config " + config + " is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
            }
        }
        Map<String, Object> flags = new LinkedHashMap<>();
        flags.put("cluster", fabric.cluster);
        flags.put("node_id", fabric.nodeId);
        flags.put("bind", fabric.bind);
        flags.put("fabric_port", fabric.fabricPort);
        flags.put("api_port", apiPort);
        flags.put("data_dir", str(fabric.dataDir));
        flags.put("cluster_key", str(fabric.clusterKey));
        flags.put("operator_trust", str(fabric.operatorTrust));
        flags.put("publisher_trust", str(publisherTrust));
        flags.put("join", fabric.join.isEmpty() ? null : fabric.join);
        flags.put("mdns_interface", fabric.mdnsInterface);
        flags.put("labels", labels.isEmpty() ? null : FabricFlags.labels(labels));
        flags.put("cpu_milli", cpuMilli);
        flags.put("memory_mb", memoryMb);
        flags.put("reserve_cpu_milli", reserveCpu);
        flags.put("reserve_memory_mb", reserveMemory);
        flags.put("drain_ms", drainMs);
        flags.put("workload_user", workloadUser);
        flags.put("api_token_file", str(apiTokenFile));
        flags.put("hyphae", hyphae);
        flags.put("hyphae_overlay_port", hyphaeOverlayPort);
        if (ports != null) {
            String[] p = ports.split("-", 2);
            try {
                flags.put("port_first", Integer.parseInt(p[0].trim()));
                flags.put("port_last", Integer.parseInt(p[p.length - 1].trim()));
            } catch (NumberFormatException e) {
                throw MeshException.usage("--ports '" + ports + "' must be FIRST-LAST, e.g. 20000-29999");
            }
        }
        for (Map.Entry<String, Object> f : flags.entrySet()) {
            if (f.getValue() != null) {
                node.set(f.getKey(), json.valueToTree(f.getValue()));
            }
        }
        try {
            return AgentConfig.parse(node.toString(), source);
        } catch (IllegalArgumentException e) {
            throw MeshException.usage(e.getMessage());
        }
    }

    private static String str(Path p) {
        return p == null ? null : p.toAbsolutePath().toString();
    }
}
