package io.mycelium.agent.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.mycelium.agent.metrics.AgentMetrics;
import io.mycelium.agent.metrics.MetricRegistry;
import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.key.SigningKey;
import io.mycelium.spore.key.TrustStore;
import io.mycelium.spore.store.SporeRepo;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that really fills up while a spore is fetched (not the free-space floor checked before
 * the first byte): the repository lives on a 1 MiB tmpfs the test mounts, the peer sends 3 MiB
 * without a length (chunked), so the check before the fetch passes and the write itself fails with
 * ENOSPC. The fetch must end as DISK_FULL with a message that says what to do, and leave nothing
 * behind on the full disk. Needs root (mount); skipped otherwise.
 */
class SporeLibraryDiskFullTest {
    @TempDir
    Path tmp;

    private Path disk;
    private boolean mounted;
    private HttpServer peer;

    @BeforeEach
    void mountASmallDisk() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root to mount a tmpfs");
        disk = tmp.resolve("disk");
        Files.createDirectories(disk);
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", disk.toString())
                .redirectErrorStream(true).start();
        boolean done = p.waitFor(20, TimeUnit.SECONDS);
        Assumptions.assumeTrue(done && p.exitValue() == 0,
                () -> "mount -t tmpfs failed here: " + new String(readAll(p)));
        mounted = true;
    }

    @AfterEach
    void unmount() throws Exception {
        if (peer != null) {
            peer.stop(0);
        }
        if (mounted) {
            Process p = new ProcessBuilder("umount", disk.toString()).redirectErrorStream(true).start();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("umount %s", disk).isZero();
        }
    }

    @Test
    void aDiskThatFillsDuringTheWriteIsDiskFullAndLeavesNothingBehind() throws Exception {
        byte[] body = new byte[3 << 20];
        new Random(7).nextBytes(body);
        Digest digest = Digest.of(body);
        peer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        peer.createContext("/v1/spores/", exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked: no length to check before the write
            try (OutputStream out = exchange.getResponseBody()) {
                for (int off = 0; off < body.length; off += 64 << 10) {
                    out.write(body, off, Math.min(64 << 10, body.length - off));
                }
            } catch (IOException e) {
                // the agent gave up mid-body, as it should
            }
        });
        peer.start();

        SporeRepo repo = SporeRepo.open(disk.resolve("repo"));
        TrustStore publishers = TrustStore.of(SigningKey.generate().verifyingKey());
        AgentMetrics metrics = new AgentMetrics(new MetricRegistry());
        SporeLibrary library = new SporeLibrary(repo, publishers, tmp.resolve("sprouts"), 1, metrics);
        URI api = URI.create("http://127.0.0.1:" + peer.getAddress().getPort());

        assertThatThrownBy(() -> library.ensure(digest, List.of(api)))
                .isInstanceOfSatisfying(FetchException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FetchException.Kind.DISK_FULL);
                    assertThat(e.getMessage()).startsWith("disk full: spore " + digest.shortForm())
                            .contains("filled up while it was written").contains("mesh repo gc");
                });
        assertThat(library.holds(digest)).isFalse();
        try (Stream<Path> left = Files.walk(disk)) {
            assertThat(left.filter(Files::isRegularFile).toList()).as("files left on the full disk").isEmpty();
        }
        assertThat(Files.getFileStore(disk).getUsableSpace()).as("the disk is free again").isGreaterThan(900 << 10);
    }

    private static byte[] readAll(Process p) {
        try {
            return p.getInputStream().readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
