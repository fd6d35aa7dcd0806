package io.mycelium.fabric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mycelium.fabric.testing.MemberCluster;
import io.mycelium.fabric.testing.Netns;
import io.mycelium.fabric.wire.Keyring;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three members as separate JVMs, each in its own network namespace on a bridge this test makes,
 * finding each other by mDNS alone (no seeds); then load, a partition by blackhole routes and its
 * healing, {@code kill -9} of one member (removal time measured) and its restart from its data dir.
 */
class NetnsClusterTest {
    private static final int N = 3;
    private final String id = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff));
    private Netns net;
    private MemberCluster members;

    @TempDir
    Path tmp;

    @BeforeEach
    void network() {
        Assumptions.assumeTrue(Netns.usable(), "needs root and iproute2 to create network namespaces");
        Netns.removeLeftovers();
        net = new Netns(id, ThreadLocalRandom.current().nextInt(16, 250));
        net.createBridge();
        for (int i = 0; i < N; i++) {
            net.addNode(i);
        }
    }

    @AfterEach
    void cleanUp() {
        if (members != null) {
            members.close();
        }
        if (net != null) {
            net.close();
        }
    }

    @Test
    void membersFindEachOtherByMdnsSurviveLoadPartitionAndKill() throws Exception {
        Path key = Files.writeString(tmp.resolve("cluster.key"), Keyring.newKeyringText("k1"));
        members = new MemberCluster(net, "netns-" + id, key, tmp, Path.of("target", "netns-logs", id));
        for (int i = 0; i < N; i++) {
            members.start(i);
        }
        long t0 = System.nanoTime();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).alias("all see all by mDNS")
                .untilAsserted(() -> {
                    for (int i = 0; i < N; i++) {
                        assertThat(members.alive(i)).as("n%d sees; log:%n%s", i, members.log(i)).containsExactlyInAnyOrder("n0", "n1", "n2");
                    }
                });
        System.out.printf("DISCOVERY_MS=%d%n", (System.nanoTime() - t0) / 1_000_000);

        // a loaded machine removes nobody: both cores busy for 8 s
        await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
        long[] removedBefore = new long[N];
        for (int i = 0; i < N; i++) {
            removedBefore[i] = members.removals(i);
        }
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> burners = new ArrayList<>();
        for (int b = 0; b < 2; b++) {
            Thread t = new Thread(() -> {
                long x = 0;
                while (!stop.get()) {
                    x += System.nanoTime() % 7;
                }
                if (x == 42) {
                    System.out.print("");
                }
            }, "cpu-burner-" + b);
            t.start();
            burners.add(t);
        }
        long loadedUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
        try {
            while (System.nanoTime() < loadedUntil) {
                for (int i = 0; i < N; i++) {
                    Set<String> seen = members.alive(i);
                    if (!seen.isEmpty()) {
                        assertThat(seen).as("n%d under load", i).containsExactlyInAnyOrder("n0", "n1", "n2");
                    }
                }
                await().pollDelay(Duration.ofMillis(300)).until(() -> true);
            }
        } finally {
            stop.set(true);
            for (Thread t : burners) {
                t.join();
            }
        }
        for (int i = 0; i < N; i++) {
            assertThat(members.removals(i)).as("members removed by n%d while loaded; log:%n%s", i, members.log(i)).isEqualTo(removedBefore[i]);
        }

        // partition n2 from n0 and n1 with blackhole routes, then heal
        for (int i : List.of(0, 1)) {
            net.blackhole(i, 2);
            net.blackhole(2, i);
        }
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertThat(members.alive(0)).containsExactlyInAnyOrder("n0", "n1");
            assertThat(members.alive(1)).containsExactlyInAnyOrder("n0", "n1");
            assertThat(members.alive(2)).containsExactly("n2");
        });
        for (int i : List.of(0, 1)) {
            net.unblackhole(i, 2);
            net.unblackhole(2, i);
        }
        long healed = System.nanoTime();
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).alias("partition heals").untilAsserted(() -> {
            for (int i = 0; i < N; i++) {
                assertThat(members.alive(i)).as("n%d after healing", i).containsExactlyInAnyOrder("n0", "n1", "n2");
            }
        });
        System.out.printf("HEAL_MS=%d%n", (System.nanoTime() - healed) / 1_000_000);

        // kill -9 of n2: removed from every other member's view
        long incarnationBefore = nodeRecordMajor(0, "n2");
        assertThat(incarnationBefore).as("n0 holds n2's node record").isPositive();
        long killed = members.kill9(2);
        long[] removedAt = new long[2];
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() -> {
            for (int i = 0; i < 2; i++) {
                if (removedAt[i] == 0 && !members.alive(i).contains("n2") && !members.alive(i).isEmpty()) {
                    removedAt[i] = System.nanoTime();
                }
            }
            return removedAt[0] != 0 && removedAt[1] != 0;
        });
        long removalMs = (Math.max(removedAt[0], removedAt[1]) - killed) / 1_000_000;
        System.out.printf("KILL9_REMOVAL_MS=%d%n", removalMs);
        assertThat(removalMs).as("kill -9 removal time").isLessThanOrEqualTo(3_000);

        // n2 comes back from its data dir and everyone sees it again
        members.start(2);
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            for (int i = 0; i < N; i++) {
                assertThat(members.alive(i)).as("n%d after restart", i).containsExactlyInAnyOrder("n0", "n1", "n2");
            }
        });
        // its new incarnation's records reach the others, and it kept theirs on disk
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(nodeRecordMajor(0, "n2")).isGreaterThan(incarnationBefore);
            assertThat(nodeRecordMajor(1, "n2")).isGreaterThan(incarnationBefore);
        });
        assertThat(nodeRecordMajor(2, "n0")).isPositive();
    }

    private long nodeRecordMajor(int observer, String owner) {
        return members.state(observer).records().stream()
                .filter(r -> r.kind().equals("node") && r.owner().equals(owner))
                .mapToLong(io.mycelium.fabric.status.StatusDocuments.RecordRow::major).findFirst().orElse(0);
    }
}
