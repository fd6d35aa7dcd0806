package io.mycelium.fabric.gossip;

import io.mycelium.fabric.metrics.FabricMetrics;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.fabric.state.OperatorRecords;
import io.mycelium.fabric.state.RecordKey;
import io.mycelium.fabric.state.StateStore;
import io.mycelium.fabric.time.EventLoop;
import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.key.SigningKey;
import io.mycelium.spore.key.TrustStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Runs the real {@link Disseminator} and {@link StateStore} of N nodes on an {@link InMemoryNetwork}
 * under an {@link EventLoop} (fake clock), publishes one signed plan at one node, and measures the
 * simulated time until 50%, 99% and 99.99% of the nodes hold it, and the traffic.
 */
public final class Simulator {
    /** Parameters of one run. Latency is per message, uniform in [min, max] ms. */
    public record Config(int nodes, long intervalMs, int fanout, double loss, long seed, long antiEntropyMs,
                         long latencyMinMs, long latencyMaxMs, long windowMs, long limitMs, boolean forwardOnReceipt) {
        public Config {
            if (nodes < 2) {
                throw new IllegalArgumentException("a simulation needs at least 2 nodes, got " + nodes);
            }
            if (windowMs < 1 || limitMs < 1) {
                throw new IllegalArgumentException("window and limit must be positive");
            }
        }

        public static Config of(int nodes, long intervalMs, int fanout, double loss, long seed) {
            return new Config(nodes, intervalMs, fanout, loss, seed, 2_000, 1, 5, 10_000, 120_000, true);
        }

        public Config withForwardOnReceipt(boolean on) {
            return new Config(nodes, intervalMs, fanout, loss, seed, antiEntropyMs, latencyMinMs, latencyMaxMs, windowMs, limitMs, on);
        }
    }

    /**
     * The figures. Times are from the publish; traffic is per node per simulated second over the
     * window that starts at the publish (push retransmissions plus anti-entropy).
     */
    public record Result(int nodes, double loss, long intervalMs, int fanout, long seed, long p50Ms, long p99Ms,
                         long p9999Ms, long maxMs, boolean complete, long rounds, double msgsPerNodePerS,
                         double bytesPerNodePerS, long windowMs, long latencyMinMs, long latencyMaxMs) {
    }

    private Simulator() {
    }

    public static Result run(Config c) {
        EventLoop loop = new EventLoop(1_700_000_000_000L);
        InMemoryNetwork net = new InMemoryNetwork(loop, c.seed(), c.loss(), c.latencyMinMs(), c.latencyMaxMs());
        SigningKey operator = SigningKey.fromSeed(seedBytes(c.seed()));
        TrustStore trust = TrustStore.of(operator.verifyingKey());
        GossipConfig gc = GossipConfig.DEFAULT.withInterval(c.intervalMs()).withFanout(c.fanout()).withAntiEntropy(c.antiEntropyMs())
                .withForwardOnReceipt(c.forwardOnReceipt());
        List<String> ids = new ArrayList<>(c.nodes());
        for (int i = 0; i < c.nodes(); i++) {
            ids.add("n" + i);
        }
        SplittableRandom seeds = new SplittableRandom(c.seed() ^ 0x5DEECE66DL);
        FabricMetrics metrics = new FabricMetrics();
        Disseminator[] nodes = new Disseminator[c.nodes()];
        for (int i = 0; i < c.nodes(); i++) {
            String id = ids.get(i);
            StateStore store = new StateStore(trust, true);
            nodes[i] = new Disseminator(store, net.join(id), PeerSampler.of(ids, id), gc, loop.clock(), seeds.split(), metrics);
            Disseminator d = nodes[i];
            loop.every(seeds.nextLong(c.intervalMs()), c.intervalMs(), d::tick);
            loop.every(seeds.nextLong(c.antiEntropyMs()), c.antiEntropyMs(), d::antiEntropyTick);
        }
        loop.runUntil(loop.now() + 2 * c.antiEntropyMs());
        long start = loop.now();
        long msgs0 = net.messages();
        long bytes0 = net.bytes();
        FabricRecord plan = OperatorRecords.sign(operator, Plan.of("billing", Digest.of("billing-v1".getBytes(StandardCharsets.UTF_8)), 3),
                "billing", 1, loop.now() << 16);
        RecordKey key = plan.key();
        long[] reached = new long[c.nodes()];
        Arrays.fill(reached, -1);
        int[] count = {0};
        for (int i = 0; i < c.nodes(); i++) {
            int idx = i;
            nodes[i].store().addListener(r -> {
                if (r.key().equals(key) && reached[idx] < 0) {
                    reached[idx] = loop.now() - start;
                    count[0]++;
                }
            });
        }
        nodes[0].publish(plan);
        boolean complete = loop.runUntil(start + c.limitMs(), () -> count[0] == c.nodes());
        loop.runUntil(Math.max(loop.now(), start + c.windowMs()));
        long msgs = net.messages() - msgs0;
        long bytes = net.bytes() - bytes0;
        long[] sorted = Arrays.stream(reached).map(t -> t < 0 ? Long.MAX_VALUE : t).sorted().toArray();
        long p9999 = quantile(sorted, 0.9999);
        double perNodeSecond = c.nodes() * (c.windowMs() / 1000.0);
        return new Result(c.nodes(), c.loss(), c.intervalMs(), c.fanout(), c.seed(), quantile(sorted, 0.5), quantile(sorted, 0.99),
                p9999, sorted[sorted.length - 1], complete,
                p9999 == Long.MAX_VALUE ? -1 : (p9999 + c.intervalMs() - 1) / c.intervalMs(),
                msgs / perNodeSecond, bytes / perNodeSecond, c.windowMs(), c.latencyMinMs(), c.latencyMaxMs());
    }

    /** The smallest time by which at least the fraction {@code q} of nodes held the record. */
    static long quantile(long[] sorted, double q) {
        int idx = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
    }

    private static byte[] seedBytes(long seed) {
        byte[] b = new byte[32];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }
}
