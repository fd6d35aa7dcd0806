package io.mycelium.agent.hyphae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.mycelium.edge.EdgeConfig;
import io.mycelium.edge.EdgeServer;
import io.mycelium.edge.observe.AccessLog;
import io.mycelium.edge.observe.TelemetrySink;
import io.mycelium.edge.route.Endpoint;
import io.mycelium.edge.route.InMemoryEndpointDirectory;
import io.mycelium.edge.tls.EdgeTls;
import io.mycelium.edge.tls.UpstreamTls;
import io.mycelium.fabric.ClusterMember;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.membership.MemberStatus;
import io.mycelium.fabric.model.HyphaeInfo;
import io.mycelium.fabric.model.Json;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.fabric.model.Role;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.fabric.state.RecordKey;
import io.mycelium.fabric.state.Version;
import io.mycelium.spore.key.SigningKey;
import io.mycelium.spore.time.Clock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes' routers on loopback with real engines and the overlay's mutual TLS, fed by a view
 * made by hand: they call each other; a process without a member's key (no certificate, or a
 * key no member published) is refused in the handshake; a node that leaves the view is cut off,
 * its open keep-alive connection closed by the listener and its next handshake refused; tcpdump on
 * loopback sees the last, plain hop to the app but nothing readable on the overlay.
 */
class OverlayTlsTest {

    /** One node: its backend app, its overlay listener (the backend's app), its local listener (the other's app). */
    private final class Node implements AutoCloseable {
        final String id;
        final NodeIdentity named;
        final AtomicReference<ClusterView> view = new AtomicReference<>(new ClusterView("x", 0, List.of(), List.of()));
        final OverlayTls tls;
        final HttpServer backend;
        final AtomicInteger served = new AtomicInteger();
        final AtomicInteger handshakes = new AtomicInteger();
        final InMemoryEndpointDirectory peers = new InMemoryEndpointDirectory();
        final InMemoryEndpointDirectory callers = new InMemoryEndpointDirectory();
        final EdgeServer overlay;
        final EdgeServer local;

        Node(String id, String app) throws IOException {
            this.id = id;
            this.named = NodeIdentity.of(id, SigningKey.generate());
            tls = new OverlayTls(named, view::get);
            backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
            backend.createContext("/", ex -> {
                served.incrementAndGet();
                byte[] body = ("{\"app\": \"" + app + "\", \"node\": \"" + id + "\", \"path\": \"" + ex.getRequestURI()
                        + "\", \"traceparent\": \"" + ex.getRequestHeaders().getFirst("traceparent") + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
                ex.close();
            });
            backend.start();
            peers.put(app, List.of(Endpoint.ready(app + "-1", "127.0.0.1", backend.getAddress().getPort(), "v1")));
            UpstreamTls counting = endpoint -> {
                var e = tls.upstream().engineFor(endpoint);
                if (e != null) {
                    handshakes.incrementAndGet();
                }
                return e;
            };
            overlay = EdgeServer.start(EdgeConfig.builder().bindAddress("127.0.0.1").port(0).edgeId("hyphae-" + id).build(), peers,
                    TelemetrySink.NONE, AccessLog.NONE, Clock.SYSTEM, new EdgeTls(Optional.of(tls), UpstreamTls.NONE));
            local = EdgeServer.start(EdgeConfig.builder().bindAddress("127.0.0.1").port(0).edgeId("hyphae-" + id).build(), callers,
                    TelemetrySink.NONE, AccessLog.NONE, Clock.SYSTEM, new EdgeTls(Optional.empty(), counting));
        }

        HyphaeInfo info() {
            return new HyphaeInfo("127.0.0.1", overlay.port(), named.publicKey());
        }

        /** This node's view: the given nodes alive (with their hyphae records), the rest of {@code all} dead. */
        void sees(List<Node> all, List<Node> alive) {
            List<ClusterMember> members = new ArrayList<>();
            List<FabricRecord> records = new ArrayList<>();
            for (Node n : all) {
                members.add(new ClusterMember(n.id, Role.AGENT, "127.0.0.1", 1, 2,
                        alive.contains(n) ? MemberStatus.ALIVE : MemberStatus.DEAD, 0, n == this));
                records.add(new FabricRecord(RecordKey.node(RecordKind.HYPHAE, n.id, ""), new Version(1, 1, ""), Json.write(n.info()), ""));
            }
            view.set(new ClusterView(id, 0, members, records));
            tls.refresh();
        }

        String call(String path) throws Exception {
            return call(path, null);
        }

        String call(String path, String traceparent) throws Exception {
            HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + local.port() + path)).timeout(Duration.ofSeconds(10));
            if (traceparent != null) {
                req.header("traceparent", traceparent);
            }
            HttpResponse<String> r = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() + " " + r.body();
        }

        @Override
        public void close() {
            local.close();
            overlay.close();
            backend.stop(0);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Node a;
    private Node b;

    @BeforeEach
    void twoNodes() throws IOException {
        a = new Node("a", "alpha");
        b = new Node("b", "beta");
        a.callers.put("beta", List.of(Endpoint.ready("beta-1", "127.0.0.1", 1, "v1").via("127.0.0.1", b.overlay.port())));
        b.callers.put("alpha", List.of(Endpoint.ready("alpha-1", "127.0.0.1", 1, "v1").via("127.0.0.1", a.overlay.port())));
        a.sees(List.of(a, b), List.of(a, b));
        b.sees(List.of(a, b), List.of(a, b));
    }

    @AfterEach
    void stop() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    @Test
    void twoRoutersCallEachOtherOverMutualTlsOnPooledConnections() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(a.call("/beta/hello/" + i)).startsWith("200 ").contains("\"node\": \"b\"", "\"path\": \"/hello/" + i + "\"");
            assertThat(b.call("/alpha/hello")).startsWith("200 ").contains("\"node\": \"a\"");
        }
        assertThat(a.handshakes.get()).as("keep-alive: one handshake for many calls").isLessThanOrEqualTo(2);
        assertThat(b.handshakes.get()).isLessThanOrEqualTo(2);
        assertThat(b.overlay.metrics().app("beta").requests(2)).isEqualTo(10);
    }

    @Test
    void aProcessWithoutAMembersKeyIsRefusedInTheHandshake() throws Exception {
        // plain HTTP: no TLS at all
        try (Socket plain = new Socket("127.0.0.1", b.overlay.port())) {
            plain.setSoTimeout(5_000);
            plain.getOutputStream().write("GET /beta/hello HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(readAll(plain.getInputStream()), StandardCharsets.ISO_8859_1)).doesNotStartWith("HTTP/").doesNotContain("\"app\"");
        }
        // TLS with a key that no member published (it trusts b: it knows b's record, b does not know it)
        Node outsider = new Node("z", "zeta");
        try {
            outsider.sees(List.of(outsider, b), List.of(outsider, b));
            outsider.callers.put("beta", List.of(Endpoint.ready("beta-1", "127.0.0.1", 1, "v1").via("127.0.0.1", b.overlay.port())));
            assertThat(outsider.call("/beta/hello")).startsWith("502 ");
            assertThatThrownBy(() -> exchange(outsider.tls, b.overlay.port(), "/beta/hello"))
                    .isInstanceOf(IOException.class);
        } finally {
            outsider.close();
        }
        // TLS without any client certificate
        {
            // a context whose key manager offers nothing
            javax.net.ssl.SSLContext bare = javax.net.ssl.SSLContext.getInstance("TLSv1.3");
            bare.init(null, new javax.net.ssl.TrustManager[] {trustAll()}, null);
            try (SSLSocket none = (SSLSocket) bare.getSocketFactory().createSocket("127.0.0.1", b.overlay.port())) {
                none.setSoTimeout(5_000);
                assertThatThrownBy(() -> {
                    none.startHandshake();
                    none.getOutputStream().write("GET /beta/hello HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    none.getOutputStream().flush();
                    if (none.getInputStream().read() < 0) {
                        throw new SSLException("closed");
                    }
                }).isInstanceOf(IOException.class);
            }
        }
        assertThat(b.served.get()).as("nothing reached b's app").isZero();
    }

    @Test
    void aNodeThatLeavesIsCutOffAndRefused() throws Exception {
        assertThat(a.call("/beta/hello")).startsWith("200 ");
        // a member's own blocking connection, kept alive after one exchange
        try (SSLSocket s = (SSLSocket) a.tls.context().getSocketFactory().createSocket("127.0.0.1", b.overlay.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("GET /beta/hello HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            assertThat(readResponse(s.getInputStream())).contains("\"node\": \"b\"");
            int servedBefore = b.served.get();

            b.sees(List.of(a, b), List.of(b)); // a left b's view
            // the listener closes a's open connection by itself: the read ends without a request
            long start = System.nanoTime();
            int r;
            try {
                r = s.getInputStream().read();
            } catch (IOException closed) {
                r = -1;
            }
            assertThat(r).isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            // a's router still routes to b (its view has not changed): the new handshake is refused
            await().atMost(Duration.ofSeconds(10)).until(() -> a.call("/beta/hello").startsWith("502 "));
            assertThat(b.served.get()).isEqualTo(servedBefore);
        }
        // a member again: admitted again
        b.sees(List.of(a, b), List.of(a, b));
        await().atMost(Duration.ofSeconds(10)).until(() -> a.call("/beta/hello").startsWith("200 "));
    }

    @Test
    void theTraceparentCrossesBothRoutersWithItsTraceIdAndANewSpanAtEachHop() throws Exception {
        String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
        String incoming = "00-" + trace + "-00f067aa0ba902b7-01";
        String answer = a.call("/beta/traced", incoming);
        assertThat(answer).startsWith("200 ");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"traceparent\": \"(00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2}))\"")
                .matcher(answer);
        assertThat(m.find()).as(answer).isTrue();
        assertThat(m.group(2)).as("the trace id survives both routers and the overlay").isEqualTo(trace);
        assertThat(m.group(4)).as("the flags too").isEqualTo("01");
        assertThat(m.group(3)).as("the last router's own span is the app's parent").isNotEqualTo("00f067aa0ba902b7");
        // without one, the first router starts a trace that reaches the app
        assertThat(a.call("/beta/untraced")).containsPattern("\"traceparent\": \"00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}\"");
    }

    @Test
    void theOverlayIsUnreadableOnTheWire(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/tcpdump")) || Files.isExecutable(Path.of("/usr/sbin/tcpdump")),
                "tcpdump is not installed (apt-get install tcpdump)");
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "capturing packets needs root");
        String marker = "hyphae-secret-" + Long.toHexString(System.nanoTime());
        Path overlayPcap = dir.resolve("overlay.pcap");
        Path backendPcap = dir.resolve("backend.pcap");
        Process overlay = capture(overlayPcap, b.overlay.port(), dir.resolve("overlay.err"));
        Process backend = capture(backendPcap, b.backend.getAddress().getPort(), dir.resolve("backend.err"));
        try {
            for (int i = 0; i < 5; i++) {
                assertThat(a.call("/beta/" + marker + "/" + i)).startsWith("200 ").contains(marker);
            }
            // packets are written as tcpdump reads them: wait until both files hold some
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.size(overlayPcap) > 2_000 && Files.size(backendPcap) > 1_000);
        } finally {
            stopCapture(overlay);
            stopCapture(backend);
        }
        String onOverlay = new String(Files.readAllBytes(overlayPcap), StandardCharsets.ISO_8859_1);
        String toBackend = new String(Files.readAllBytes(backendPcap), StandardCharsets.ISO_8859_1);
        assertThat(toBackend).as("the capture works: the plain last hop shows the path (tcpdump said: %s)",
                Files.readString(dir.resolve("backend.err"))).contains(marker);
        assertThat(onOverlay.length()).as("the overlay capture holds the calls' packets").isGreaterThan(2_000);
        assertThat(onOverlay).doesNotContain(marker).doesNotContain("HTTP/1.1").doesNotContain("beta");
    }

    /** tcpdump on loopback for one port, writing {@code pcap}; returns once it captures. */
    private static Process capture(Path pcap, int port, Path err) throws Exception {
        Process p = new ProcessBuilder("tcpdump", "-i", "lo", "--immediate-mode", "-U", "-n", "-s", "0", "-w", pcap.toString(), "tcp port " + port)
                .redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        await().atMost(Duration.ofSeconds(10)).until(() -> !p.isAlive() || Files.readString(err).contains("listening on"));
        assertThat(p.isAlive()).as(Files.readString(err)).isTrue();
        return p;
    }

    /** Stops tcpdump by its own PID (TERM; KILL after 5 s) and waits for it to write the file. */
    private static void stopCapture(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    /** One request over a blocking TLS socket of {@code tls}'s context. */
    private static String exchange(OverlayTls tls, int port, String path) throws IOException {
        try (SSLSocket s = (SSLSocket) tls.context().getSocketFactory().createSocket("127.0.0.1", port)) {
            s.setSoTimeout(5_000);
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            String response = readResponse(s.getInputStream());
            if (response.isEmpty()) {
                throw new SSLException("the listener closed the connection");
            }
            return response;
        }
    }

    /** A response head and its Content-Length body; empty when the stream ends first. */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            head.write(c);
            String h = head.toString(StandardCharsets.ISO_8859_1);
            if (h.endsWith("\r\n\r\n")) {
                int length = 0;
                for (String line : h.split("\r\n")) {
                    if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).trim());
                    }
                }
                return h + new String(in.readNBytes(length), StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    private static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static javax.net.ssl.X509TrustManager trustAll() {
        return new javax.net.ssl.X509TrustManager() {
            @Override
            public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType) {
            }

            @Override
            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                return new java.security.cert.X509Certificate[0];
            }
        };
    }
}
