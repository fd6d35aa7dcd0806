package io.mycelium.fabric.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import io.mycelium.fabric.metrics.FabricMetrics;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.fabric.state.Records;
import io.mycelium.fabric.state.StateStore;
import io.mycelium.fabric.time.EventLoop;
import io.mycelium.spore.key.TrustStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The real dissemination on the simulated network: loss, partitions, late joiners, bad input. */
class DisseminationTest {
    private final EventLoop loop = new EventLoop(0);
    private final FabricMetrics metrics = new FabricMetrics();
    private final List<Disseminator> nodes = new ArrayList<>();
    private final List<String> ids = new ArrayList<>();
    private InMemoryNetwork net;

    private void cluster(int n, double loss) {
        net = new InMemoryNetwork(loop, 3, loss, 1, 5);
        for (int i = 0; i < n; i++) {
            ids.add("n" + i);
        }
        SplittableRandom seeds = new SplittableRandom(9);
        for (String id : ids) {
            Disseminator d = new Disseminator(new StateStore(TrustStore.of(), true), net.join(id), PeerSampler.of(ids, id),
                    GossipConfig.DEFAULT, loop.clock(), seeds.split(), metrics);
            nodes.add(d);
            loop.every(seeds.nextLong(200), 200, d::tick);
            loop.every(seeds.nextLong(2000), 2000, d::antiEntropyTick);
        }
    }

    private boolean allEqual() {
        List<FabricRecord> first = nodes.getFirst().store().all();
        return nodes.stream().allMatch(d -> d.store().all().equals(first));
    }

    @Test
    void heavyLossStillConvergesThroughRetransmissionAndAntiEntropy() {
        cluster(40, 0.3);
        for (int i = 0; i < 10; i++) {
            nodes.get(i).publish(Records.telemetry("n" + i, 1, 1, i));
        }
        assertThat(loop.runUntil(60_000, () -> allEqual() && nodes.getFirst().store().size() == 10)).isTrue();
    }

    @Test
    void bothSidesOfAPartitionKeepTheirWritesAndConvergeAfterHealing() {
        cluster(30, 0.0);
        Set<String> left = new HashSet<>(ids.subList(0, 15));
        net.partition(left, 1);
        nodes.get(0).publish(Records.telemetry("n0", 1, 1, 1));
        nodes.get(20).publish(Records.telemetry("n20", 1, 1, 1));
        nodes.get(21).publish(Records.telemetry("n0", 1, 2, 7));
        loop.runUntil(10_000);
        assertThat(nodes.get(1).store().size()).isEqualTo(1);
        assertThat(nodes.get(16).store().size()).isEqualTo(2);
        net.heal();
        assertThat(loop.runUntil(40_000, () -> allEqual() && nodes.getFirst().store().size() == 2)).isTrue();
        assertThat(nodes.get(3).store().all()).anySatisfy(r -> assertThat(r.version().minor()).isEqualTo(2));
    }

    @Test
    void lateJoinerCatchesUpByAntiEntropyAlone() {
        cluster(10, 0.0);
        net.crash("n9");
        for (int i = 0; i < 5; i++) {
            nodes.get(i).publish(Records.telemetry("n" + i, 1, 1, i));
        }
        loop.runUntil(10_000);
        assertThat(nodes.get(9).store().size()).isZero();
        net.revive("n9");
        nodes.get(9).syncWith("n0");
        loop.runUntil(loop.now() + 100);
        assertThat(nodes.get(9).store().size()).isEqualTo(5);
    }

    @Test
    void badInputIsCountedAndTheNodeKeepsWorking() {
        cluster(3, 0.0);
        Disseminator target = nodes.get(1);
        target.receive("n0", new byte[] {1, 0, 0});
        target.receive("n0", new byte[] {9});
        target.receive("n0", new byte[0]);
        assertThat(metrics.get("dropped_truncated") + metrics.get("dropped_malformed")).isEqualTo(3);
        nodes.get(0).publish(Records.telemetry("n0", 1, 1, 1));
        assertThat(loop.runUntil(5_000, () -> target.store().size() == 1)).isTrue();
    }

    @Test
    void quietClusterSendsOnlyAntiEntropyDigests() {
        cluster(20, 0.0);
        loop.runUntil(10_000);
        long before = net.messages();
        loop.runUntil(20_000);
        // 20 nodes x 5 digest requests in 10 s, no replies when all states are equal
        assertThat(net.messages() - before).isBetween(80L, 120L);
    }
}
