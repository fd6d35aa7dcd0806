package io.mycelium.fabric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mycelium.fabric.model.Json;
import io.mycelium.fabric.status.MemberMain;
import io.mycelium.fabric.status.StatusDocuments;
import io.mycelium.fabric.testing.Netns;
import io.mycelium.fabric.wire.Keyring;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
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
    private final Map<Integer, Process> members = new HashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    private Netns net;

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
        for (Process p : members.values()) {
            p.destroyForcibly();
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (net != null) {
            net.close();
        }
        http.close();
    }

    private void startMember(int i, Path key) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), MemberMain.class.getName(),
                "--cluster", "netns-" + id, "--node-id", "n" + i, "--bind", net.address(i),
                "--fabric-port", "7946", "--api-port", "7947", "--mdns-interface", net.insideInterface(i),
                "--cluster-key", key.toString(), "--data-dir", tmp.resolve("n" + i).toString());
        Process p = new ProcessBuilder(net.inNamespace(i, cmd))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logFile(i).toFile())).start();
        members.put(i, p);
    }

    private Optional<StatusDocuments.Nodes> nodes(int i) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://" + net.address(i) + ":7947/v1/nodes"))
                    .timeout(Duration.ofMillis(800)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? Optional.of(Json.read(r.body(), StatusDocuments.Nodes.class)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private long removals(int i) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://" + net.address(i) + ":7947/v1/state"))
                    .timeout(Duration.ofMillis(1500)).build(), HttpResponse.BodyHandlers.ofString());
            return Json.read(r.body(), StatusDocuments.State.class).metrics().getOrDefault("members_removed", 0L);
        } catch (IOException e) {
            throw new IllegalStateException("status of n" + i + " unreachable: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Set<String> alive(int i) {
        return nodes(i).map(n -> n.members().stream().filter(m -> m.status().equals("alive"))
                .map(StatusDocuments.MemberRow::id).collect(Collectors.toSet())).orElse(Set.of());
    }

    /** Member logs stay in target/ for a failed run to be read. */
    private Path logFile(int i) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "netns-logs", id));
        return dir.resolve("n" + i + ".log");
    }

    private String log(int i) {
        try {
            return Files.readString(logFile(i));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Test
    void membersFindEachOtherByMdnsSurviveLoadPartitionAndKill() throws Exception {
        Path key = Files.writeString(tmp.resolve("cluster.key"), Keyring.newKeyringText("k1"));
        for (int i = 0; i < N; i++) {
            startMember(i, key);
        }
        long t0 = System.nanoTime();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).alias("all see all by mDNS")
                .untilAsserted(() -> {
                    for (int i = 0; i < N; i++) {
                        assertThat(alive(i)).as("n%d sees; log:%n%s", i, log(i)).containsExactlyInAnyOrder("n0", "n1", "n2");
                    }
                });
        System.out.printf("DISCOVERY_MS=%d%n", (System.nanoTime() - t0) / 1_000_000);

        // a loaded machine removes nobody: both cores busy for 8 s
        await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
        long[] removedBefore = new long[N];
        for (int i = 0; i < N; i++) {
            removedBefore[i] = removals(i);
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
                    Set<String> seen = alive(i);
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
            assertThat(removals(i)).as("members removed by n%d while loaded; log:%n%s", i, log(i)).isEqualTo(removedBefore[i]);
        }

        // partition n2 from n0 and n1 with blackhole routes, then heal
        for (int i : List.of(0, 1)) {
            net.blackhole(i, 2);
            net.blackhole(2, i);
        }
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertThat(alive(0)).containsExactlyInAnyOrder("n0", "n1");
            assertThat(alive(1)).containsExactlyInAnyOrder("n0", "n1");
            assertThat(alive(2)).containsExactly("n2");
        });
        for (int i : List.of(0, 1)) {
            net.unblackhole(i, 2);
            net.unblackhole(2, i);
        }
        long healed = System.nanoTime();
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).alias("partition heals").untilAsserted(() -> {
            for (int i = 0; i < N; i++) {
                assertThat(alive(i)).as("n%d after healing", i).containsExactlyInAnyOrder("n0", "n1", "n2");
            }
        });
        System.out.printf("HEAL_MS=%d%n", (System.nanoTime() - healed) / 1_000_000);

        // kill -9 of n2: removed from every other member's view
        Process victim = members.remove(2);
        long killed = System.nanoTime();
        victim.destroyForcibly();
        long[] removedAt = new long[2];
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() -> {
            for (int i = 0; i < 2; i++) {
                if (removedAt[i] == 0 && !alive(i).contains("n2") && !alive(i).isEmpty()) {
                    removedAt[i] = System.nanoTime();
                }
            }
            return removedAt[0] != 0 && removedAt[1] != 0;
        });
        long removalMs = (Math.max(removedAt[0], removedAt[1]) - killed) / 1_000_000;
        System.out.printf("KILL9_REMOVAL_MS=%d%n", removalMs);
        victim.waitFor(10, TimeUnit.SECONDS);
        assertThat(removalMs).as("kill -9 removal time").isLessThanOrEqualTo(3_000);

        // n2 comes back from its data dir and everyone sees it again
        startMember(2, key);
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            for (int i = 0; i < N; i++) {
                assertThat(alive(i)).as("n%d after restart", i).containsExactlyInAnyOrder("n0", "n1", "n2");
            }
        });
    }
}
