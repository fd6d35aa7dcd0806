package io.mycelium.fabric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mycelium.fabric.testing.MemberCluster;
import io.mycelium.fabric.testing.Netns;
import io.mycelium.fabric.wire.Keyring;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark (not in the normal run): five member JVMs in network namespaces on one bridge, found by
 * mDNS; {@code kill -9} of one member, ten times (a different victim each time, restarted after),
 * measuring the time until it is gone from every other member's view. Run:
 * {@code ./mvnw -q -pl fabric -am test -Dsurefire.failIfNoSpecifiedTests=false -Dtest=FailureDetectionBenchmark -Dsurefire.excludedGroups=none}
 */
@Tag("benchmark")
class FailureDetectionBenchmark {
    private static final int N = 5;
    private static final int ROUNDS = 10;

    @TempDir
    Path tmp;

    @Test
    void killNineRemovalTimeOnALanOfFive() throws Exception {
        Assumptions.assumeTrue(Netns.usable(), "needs root and iproute2 to create network namespaces");
        Netns.removeLeftovers();
        String id = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff));
        Set<String> all = IntStream.range(0, N).mapToObj(i -> "n" + i).collect(Collectors.toSet());
        try (Netns net = new Netns(id, ThreadLocalRandom.current().nextInt(16, 250))) {
            net.createBridge();
            for (int i = 0; i < N; i++) {
                net.addNode(i);
            }
            Path key = Files.writeString(tmp.resolve("cluster.key"), Keyring.newKeyringText("k1"));
            try (MemberCluster c = new MemberCluster(net, "bench-" + id, key, tmp, Path.of("target", "netns-logs", "bench-" + id))) {
                for (int i = 0; i < N; i++) {
                    c.start(i);
                }
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                    for (int i = 0; i < N; i++) {
                        assertThat(c.alive(i)).isEqualTo(all);
                    }
                });
                List<Long> times = new ArrayList<>();
                for (int round = 0; round < ROUNDS; round++) {
                    int victim = round % N;
                    await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
                    long killed = c.kill9(victim);
                    long[] seenAt = new long[N];
                    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(25)).until(() -> {
                        boolean done = true;
                        for (int i = 0; i < N; i++) {
                            if (i != victim && seenAt[i] == 0) {
                                Set<String> a = c.alive(i);
                                if (!a.isEmpty() && !a.contains("n" + victim)) {
                                    seenAt[i] = System.nanoTime();
                                } else {
                                    done = false;
                                }
                            }
                        }
                        return done;
                    });
                    long worst = 0;
                    for (int i = 0; i < N; i++) {
                        worst = Math.max(worst, i == victim ? 0 : seenAt[i] - killed);
                    }
                    times.add(worst / 1_000_000);
                    System.out.printf("round %d victim n%d removed from every view after %d ms%n", round, victim, worst / 1_000_000);
                    c.start(victim);
                    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                        for (int i = 0; i < N; i++) {
                            assertThat(c.alive(i)).isEqualTo(all);
                        }
                    });
                }
                List<Long> sorted = new ArrayList<>(times);
                Collections.sort(sorted);
                System.out.printf("KILL9_REMOVAL_MS n=%d rounds=%d min=%d median=%d max=%d all=%s%n", N, ROUNDS, sorted.getFirst(),
                        sorted.get(sorted.size() / 2), sorted.getLast(), times);
            }
        }
    }
}
