package io.mycelium.cli.fabric;

import io.mycelium.cli.MeshException;
import io.mycelium.cli.OutputOptions;
import io.mycelium.cli.Renderer;
import io.mycelium.cli.Table;
import io.mycelium.fabric.gossip.Simulator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mesh fabric simulate}. */
@Command(name = "simulate",
        header = "Run the real dissemination code for N nodes in this JVM on a simulated network and fake clock.",
        description = {
                "",
                "Publishes one signed plan at one node and reports the simulated time until 50%%, 99%% and "
                        + "99.99%% of the nodes hold it, the rounds (gossip intervals) that took, and the "
                        + "messages and bytes each node sent per second over the window (push and anti-entropy). "
                        + "Each message takes a random latency in [--latency-min-ms, --latency-max-ms] and is "
                        + "lost with probability --loss.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
                "  mesh fabric simulate --nodes 1000 --interval-ms 200 --fanout 3 --loss 0 --seed 1 -o json",
                "  mesh fabric simulate --nodes 10000 --loss 0.05",
        })
public final class FabricSimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Option(names = "--nodes", defaultValue = "1000", description = "Cluster size (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--interval-ms", defaultValue = "200", description = "Gossip round period (default: ${DEFAULT-VALUE}).")
    long intervalMs;

    @Option(names = "--fanout", defaultValue = "3", description = "Peers per push (default: ${DEFAULT-VALUE}).")
    int fanout;

    @Option(names = "--loss", defaultValue = "0", description = "Probability that a message is lost, 0 to <1 (default: ${DEFAULT-VALUE}).")
    double loss;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed; the same seed gives the same run (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--anti-entropy-ms", defaultValue = "2000", description = "Anti-entropy period (default: ${DEFAULT-VALUE}).")
    long antiEntropyMs;

    @Option(names = "--latency-min-ms", defaultValue = "1", description = "Smallest one-way latency (default: ${DEFAULT-VALUE}).")
    long latencyMinMs;

    @Option(names = "--latency-max-ms", defaultValue = "5", description = "Largest one-way latency (default: ${DEFAULT-VALUE}).")
    long latencyMaxMs;

    @Option(names = "--window-ms", defaultValue = "10000", description = "Traffic is averaged over this window after the publish (default: ${DEFAULT-VALUE}).")
    long windowMs;

    @Option(names = "--forward-on-receipt", defaultValue = "true", arity = "1",
            description = "Forward a new record at once (true, the fabric's fast path) or only at the next round (false, "
                    + "classic interval gossip as in Serf's model) (default: ${DEFAULT-VALUE}).")
    boolean forwardOnReceipt;

    @Override
    public Integer call() {
        if (nodes < 2 || nodes > 100_000) {
            throw MeshException.usage("--nodes " + nodes + ": give 2 to 100000 nodes");
        }
        if (loss < 0 || loss >= 1) {
            throw MeshException.usage("--loss " + loss + ": give a probability from 0 up to (not including) 1");
        }
        if (intervalMs < 1 || fanout < 1 || antiEntropyMs < 1 || windowMs < 1) {
            throw MeshException.usage("--interval-ms, --fanout, --anti-entropy-ms and --window-ms must be positive");
        }
        if (latencyMinMs < 0 || latencyMaxMs < latencyMinMs) {
            throw MeshException.usage("--latency-min-ms " + latencyMinMs + " / --latency-max-ms " + latencyMaxMs + ": need 0 <= min <= max");
        }
        Simulator.Result r = Simulator.run(new Simulator.Config(nodes, intervalMs, fanout, loss, seed, antiEntropyMs,
                latencyMinMs, latencyMaxMs, windowMs, 120_000, forwardOnReceipt));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("nodes", r.nodes());
        json.put("interval_ms", r.intervalMs());
        json.put("fanout", r.fanout());
        json.put("loss", r.loss());
        json.put("seed", r.seed());
        json.put("complete", r.complete());
        json.put("p50_ms", r.p50Ms());
        json.put("p99_ms", r.p99Ms());
        json.put("p9999_ms", r.complete() || r.p9999Ms() != Long.MAX_VALUE ? r.p9999Ms() : -1);
        json.put("max_ms", r.complete() ? r.maxMs() : -1);
        json.put("rounds", r.rounds());
        json.put("msgs_per_node_per_s", round(r.msgsPerNodePerS()));
        json.put("bytes_per_node_per_s", round(r.bytesPerNodePerS()));
        json.put("window_ms", r.windowMs());
        json.put("latency_ms", r.latencyMinMs() + "-" + r.latencyMaxMs());
        json.put("forward_on_receipt", forwardOnReceipt);
        Renderer.of(spec, output).render(json, h -> {
            Table t = Table.of("NODES", "LOSS", "P50", "P99", "P99.99", "ROUNDS", "MSGS/NODE/S", "BYTES/NODE/S", "COMPLETE");
            t.row(r.nodes(), r.loss(), r.p50Ms() + " ms", r.p99Ms() + " ms", json.get("p9999_ms") + " ms", r.rounds(),
                    round(r.msgsPerNodePerS()), round(r.bytesPerNodePerS()), r.complete());
            h.table(t);
        });
        return r.complete() ? 0 : 1;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
