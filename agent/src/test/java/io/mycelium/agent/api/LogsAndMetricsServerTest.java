package io.mycelium.agent.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mycelium.fabric.model.InstanceState;
import io.mycelium.agent.instance.InstanceStatus;
import io.mycelium.agent.metrics.AgentMetrics;
import io.mycelium.fabric.model.InstanceRecord;
import io.mycelium.spore.digest.Digest;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Instance logs (tail, follow) and the Prometheus endpoint over real sockets. */
class LogsAndMetricsServerTest {
    @TempDir
    Path dir;
    FakeAgent fake;
    ApiServer api;
    Path stdout;
    Path stderr;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeAgent(dir);
        api = new ApiServer(fake, new ApiConfig(null, false, ApiConfig.DEFAULT_MAX_UPLOAD, Duration.ofMinutes(5), Duration.ofMillis(20)));
        stdout = dir.resolve("stdout.log");
        stderr = dir.resolve("stderr.log");
        Files.writeString(stdout, "one\ntwo\nthree\n");
        Files.writeString(stderr, "oops\n");
        fake.logs.put("web-0", new AgentServices.LogFiles(stdout, stderr));
        fake.instance("node-a", new InstanceRecord("web-0", "web", 0, Digest.of(new byte[] {7}), io.mycelium.fabric.model.InstanceState.READY, 0, ""));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private static void append(Path file, String text) throws Exception {
        Files.writeString(file, text, StandardOpenOption.APPEND);
    }

    @Test
    void tailGivesTheLastLinesOfTheChosenStream() throws Exception {
        HttpResponse<String> r = api.get("/v1/instances/web-0/logs?tail=2");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
        assertThat(r.body()).isEqualTo("two\nthree\n");
        assertThat(api.get("/v1/instances/web-0/logs?stream=stderr").body()).isEqualTo("oops\n");
        assertThat(api.get("/v1/instances/web-0/logs?tail=0").body()).isEmpty();
        assertThat(api.get("/v1/instances/web-0/logs").body()).isEqualTo("one\ntwo\nthree\n");
    }

    @Test
    void followStreamsNewLinesAsTheyComeUntilTheClientGoes() throws Exception {
        HttpResponse<InputStream> r = api.http.send(api.request("/v1/instances/web-0/logs?tail=1&follow=true").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("transfer-encoding")).hasValue("chunked");
        List<String> seen = new CopyOnWriteArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
        Thread readerThread = Thread.ofVirtual().start(() -> {
            try {
                for (String line; (line = reader.readLine()) != null; ) {
                    seen.add(line);
                }
            } catch (Exception e) {
                // closed by the test
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.equals(List.of("three")));
        append(stdout, "four\n");
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.equals(List.of("three", "four")));
        append(stdout, "five\nsix\n");
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.equals(List.of("three", "four", "five", "six")));
        assertThat(api.get("/metrics").body()).contains("mesh_api_log_followers 1");

        r.body().close();
        readerThread.join(Duration.ofSeconds(10));
        // The server notices at the next line it writes and stops following.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            append(stdout, "after the client went\n");
            assertThat(api.get("/metrics").body()).contains("mesh_api_log_followers 0");
        });
    }

    @Test
    void followEndsWhenTheInstanceIsGone() throws Exception {
        // Nothing to send yet: Helidon sends the headers with the first byte, so ask asynchronously.
        var pending = api.http.sendAsync(api.request("/v1/instances/web-0/logs?tail=0&follow=true").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/metrics").body().contains("mesh_api_log_followers 1"));
        assertThat(pending).isNotDone();
        fake.logs.remove("web-0");
        HttpResponse<String> r = pending.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEmpty();
        assertThat(api.get("/metrics").body()).contains("mesh_api_log_followers 0");
    }

    @Test
    void stoppingTheServerEndsItsFollowers() throws Exception {
        HttpResponse<InputStream> r = api.http.send(api.request("/v1/instances/web-0/logs?tail=1&follow=true").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> fake.metrics().scrape().contains("mesh_api_log_followers 1"));
        long start = System.nanoTime();
        api.server.stop();
        await().atMost(Duration.ofSeconds(10)).until(() -> fake.metrics().scrape().contains("mesh_api_log_followers 0"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        r.body().close();
    }

    @Test
    void metricsAreHonestPrometheusText() throws Exception {
        fake.local.add(new InstanceStatus("web-0", "web", InstanceState.READY, "", 10, 30000, 2, Instant.EPOCH));
        fake.local.add(new InstanceStatus("web-1", "web", InstanceState.CRASH_LOOP, "crash loop", 0, 0, 5, Instant.EPOCH));
        AgentMetrics metrics = new AgentMetrics(fake.metrics());
        metrics.sporeFetched(1_000_000, Duration.ofMillis(300), true);
        metrics.sporeFetched(500, Duration.ofMillis(20), false);

        HttpResponse<String> r = api.get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/plain; version=0.0.4");
        String text = r.body();
        assertThat(text).contains("# TYPE mesh_instances gauge\n")
                .contains("mesh_instances{state=\"ready\"} 1\n")
                .contains("mesh_instances{state=\"crash_loop\"} 1\n")
                .contains("mesh_instances{state=\"stopped\"} 0\n")
                .contains("mesh_instance_restarts_total{app=\"web\"} 7\n")
                .contains("# TYPE mesh_spore_fetch_bytes_total counter\nmesh_spore_fetch_bytes_total 1000500\n")
                .contains("mesh_spore_fetch_seconds_bucket{le=\"0.05\"} 1\n")
                .contains("mesh_spore_fetch_seconds_bucket{le=\"0.5\"} 2\n")
                .contains("mesh_spore_fetch_seconds_bucket{le=\"+Inf\"} 2\n")
                .contains("mesh_spore_fetch_seconds_count 2\n")
                .contains("mesh_spore_fetches_total{outcome=\"failed\"} 1\n")
                .contains("mesh_fabric_messages_sent_total 12\n")
                .contains("mesh_fabric_messages_received_total 7\n");
        for (String line : text.split("\n")) {
            assertThat(line).matches("# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .*|[a-zA-Z_:][a-zA-Z0-9_:]*(\\{.*\\})? [-+0-9.eE]+|.* NaN|.* \\+Inf");
        }
    }
}
