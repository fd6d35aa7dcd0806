package io.mycelium.agent.health;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HealthProbeTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final Duration TIMEOUT = Duration.ofMillis(500);
    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 0);
        server.createContext("/health", ex -> {
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.createContext("/sick", ex -> {
            ex.sendResponseHeaders(503, -1);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private int port() {
        return server.getAddress().getPort();
    }

    @Test
    void httpPassesOnTheExpectedStatusOnly() {
        assertThat(HealthProbe.probe(HealthCheck.http("/health", 200), LOOPBACK, port(), TIMEOUT))
                .isEqualTo(ProbeResult.ok("http 200"));
        assertThat(HealthProbe.probe(HealthCheck.http("/sick", 200), LOOPBACK, port(), TIMEOUT))
                .isEqualTo(ProbeResult.failed("http /sick returned 503, expected 200"));
        assertThat(HealthProbe.probe(HealthCheck.http("/sick", 503), LOOPBACK, port(), TIMEOUT).healthy()).isTrue();
        assertThat(HealthProbe.probe(HealthCheck.http("/nowhere", 200), LOOPBACK, port(), TIMEOUT).detail())
                .isEqualTo("http /nowhere returned 404, expected 200");
    }

    @Test
    void aClosedPortIsConnectionRefused() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            closed = s.getLocalPort();
        }
        assertThat(HealthProbe.probe(HealthCheck.http("/health", 200), LOOPBACK, closed, TIMEOUT))
                .isEqualTo(ProbeResult.failed("connection refused"));
        assertThat(HealthProbe.probe(HealthCheck.tcp(), LOOPBACK, closed, TIMEOUT))
                .isEqualTo(ProbeResult.failed("connection refused"));
    }

    @Test
    void aServerThatAcceptsButNeverAnswersTimesOut() throws IOException {
        List<Socket> held = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread acceptor = null;
        try (ServerSocket silent = new ServerSocket(0, 10, LOOPBACK)) {
            acceptor = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (IOException e) {
                    // closed by the test
                }
            });
            long start = System.nanoTime();
            ProbeResult r = HealthProbe.probe(HealthCheck.http("/health", 200), LOOPBACK, silent.getLocalPort(), Duration.ofMillis(200));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertThat(r).isEqualTo(ProbeResult.failed("timed out after 200 ms"));
            assertThat(ms).isBetween(150L, 2000L);
            assertThat(HealthProbe.probe(HealthCheck.tcp(), LOOPBACK, silent.getLocalPort(), TIMEOUT).healthy()).isTrue();
        } finally {
            // the try-with-resources closed the server socket; wait for the acceptor to see it
            // before closing what it accepted, so the list no longer changes under us
            if (acceptor != null) {
                joinQuietly(acceptor);
            }
            synchronized (held) {
                for (Socket s : held) {
                    s.close();
                }
            }
        }
    }

    private static void joinQuietly(Thread t) {
        try {
            if (!t.join(Duration.ofSeconds(5))) {
                throw new AssertionError("acceptor thread did not end within 5 s of closing its socket");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void noneAlwaysPasses() {
        assertThat(HealthProbe.probe(HealthCheck.none(), LOOPBACK, 1, TIMEOUT).healthy()).isTrue();
    }

    @Test
    void parsesOnlyWellFormedStatusLines() {
        assertThat(HealthProbe.parseStatus("HTTP/1.1 200 OK")).isEqualTo(200);
        assertThat(HealthProbe.parseStatus("HTTP/1.0 503")).isEqualTo(503);
        assertThat(HealthProbe.parseStatus("HTTP/1.1 20x OK")).isEqualTo(-1);
        assertThat(HealthProbe.parseStatus("HTTP/1.1 2000 OK")).isEqualTo(-1);
        assertThat(HealthProbe.parseStatus("SSH-2.0-OpenSSH")).isEqualTo(-1);
        assertThat(HealthProbe.parseStatus("")).isEqualTo(-1);
    }
}
