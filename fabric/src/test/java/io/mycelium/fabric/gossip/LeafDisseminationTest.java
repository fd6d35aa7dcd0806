package io.mycelium.fabric.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import io.mycelium.fabric.metrics.FabricMetrics;
import io.mycelium.fabric.state.Records;
import io.mycelium.fabric.state.StateStore;
import io.mycelium.fabric.time.EventLoop;
import io.mycelium.fabric.wire.WireCodec;
import io.mycelium.fabric.wire.WireMessage;
import io.mycelium.spore.key.TrustStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * Consoles are leaves of the gossip: relays (agents, edges) never pick them at random, the
 * publisher of a record sends it to each of them once, they relay nothing they receive, and
 * anti-entropy fills what they missed.
 */
class LeafDisseminationTest {
    private static final GossipConfig LEAF = GossipConfig.DEFAULT.withInterval(1_000).withForwardOnReceipt(false).withRelay(false);

    private final EventLoop loop = new EventLoop(0);
    private final InMemoryNetwork net = new InMemoryNetwork(loop, 3, 0.0, 1, 5);
    private final Map<String, Disseminator> nodes = new HashMap<>();
    /** Records received in pushes, and push messages sent, per node. */
    private final Map<String, Integer> pushedRecordsIn = new HashMap<>();
    private final Map<String, Integer> pushesOut = new HashMap<>();
    private final List<String> relays = List.of("n0", "n1", "n2", "n3", "n4");
    private final List<String> leaves = List.of("c0", "c1");

    LeafDisseminationTest() {
        SplittableRandom seeds = new SplittableRandom(11);
        for (String id : relays) {
            add(id, GossipConfig.DEFAULT, seeds);
        }
        for (String id : leaves) {
            add(id, LEAF, seeds);
        }
    }

    private void add(String id, GossipConfig config, SplittableRandom seeds) {
        PeerSampler relaySampler = PeerSampler.of(relays, id);
        PeerSampler sampler = new PeerSampler() {
            @Override
            public List<String> sample(int k, RandomGenerator random, String exclude) {
                return relaySampler.sample(k, random, exclude);
            }

            @Override
            public int size() {
                return relaySampler.size();
            }

            @Override
            public List<String> leaves() {
                return leaves.stream().filter(l -> !l.equals(id)).toList();
            }
        };
        Disseminator d = new Disseminator(new StateStore(TrustStore.of(), true), counted(net.join(id)), sampler, config, loop.clock(),
                seeds.split(), new FabricMetrics());
        nodes.put(id, d);
        loop.every(seeds.nextLong(config.intervalMs()), config.intervalMs(), d::tick);
        loop.every(seeds.nextLong(config.antiEntropyMs()), config.antiEntropyMs(), d::antiEntropyTick);
    }

    private Transport counted(Transport t) {
        String id = t.localId();
        return new Transport() {
            @Override
            public String localId() {
                return id;
            }

            @Override
            public void send(String peer, byte[] message) {
                if (decode(message) instanceof WireMessage.Push) {
                    pushesOut.merge(id, 1, Integer::sum);
                }
                t.send(peer, message);
            }

            @Override
            public void receiver(Receiver r) {
                t.receiver((from, bytes) -> {
                    if (decode(bytes) instanceof WireMessage.Push p) {
                        pushedRecordsIn.merge(id, p.records().size(), Integer::sum);
                    }
                    r.receive(from, bytes);
                });
            }
        };
    }

    private static WireMessage decode(byte[] bytes) {
        try {
            return WireCodec.decode(bytes);
        } catch (io.mycelium.fabric.wire.MalformedMessageException e) {
            throw new AssertionError("the dissemination sent a malformed message", e);
        }
    }

    @Test
    void aLeafGetsEachRecordOnceFromItsPublisherAndRelaysNothing() {
        for (int i = 0; i < 10; i++) {
            String node = relays.get(i % relays.size());
            nodes.get(node).publish(Records.telemetry(node + "-" + i, 1, 1, i));
        }
        assertThat(loop.runUntil(10_000, () -> leaves.stream().allMatch(l -> nodes.get(l).store().size() == 10))).isTrue();
        loop.runUntil(loop.now() + 10_000);
        for (String l : leaves) {
            assertThat(pushedRecordsIn.get(l)).as("records pushed to " + l).isEqualTo(10);
            assertThat(pushesOut.getOrDefault(l, 0)).as("pushes sent by " + l).isZero();
        }
        // the relays still spread among themselves as before: each got records several times over
        assertThat(pushedRecordsIn.get("n1")).isGreaterThan(10);
    }

    @Test
    void aLeafThatMissedThePublishersPushCatchesUpByAntiEntropy() {
        net.crash("c0");
        nodes.get("n0").publish(Records.telemetry("n0", 1, 1, 1));
        loop.runUntil(3_000);
        assertThat(nodes.get("c1").store().size()).isEqualTo(1);
        assertThat(nodes.get("c0").store().size()).isZero();
        net.revive("c0");
        assertThat(loop.runUntil(loop.now() + 5_000, () -> nodes.get("c0").store().size() == 1)).isTrue();
        assertThat(pushedRecordsIn.getOrDefault("c0", 0)).as("nothing pushed to c0 after it came back").isZero();
    }

    @Test
    void aLeafsOwnRecordReachesEveryRelayAndTheOtherLeaf() {
        nodes.get("c0").publish(Records.telemetry("c0", 1, 1, 1));
        assertThat(loop.runUntil(10, () -> nodes.get("c1").store().size() == 1)).as("the other console at once").isTrue();
        assertThat(loop.runUntil(5_000, () -> nodes.values().stream().allMatch(d -> d.store().size() == 1))).isTrue();
    }
}
