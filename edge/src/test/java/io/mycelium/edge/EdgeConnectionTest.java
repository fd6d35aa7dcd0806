package io.mycelium.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.mycelium.edge.testing.EchoBackend;
import io.mycelium.edge.testing.EdgeFixture;
import io.mycelium.edge.testing.RawBackend;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the edge's own HTTP/1.1 loop does that Helidon's HTTP/1 layer did before: pipelining,
 * heads that arrive in pieces, idle and silent clients, HTTP/1.0, 100-continue, bodiless statuses.
 */
class EdgeConnectionTest {

    private EchoBackend backend;
    private EdgeFixture fx;

    @BeforeEach
    void start() throws Exception {
        backend = new EchoBackend("a");
        fx = new EdgeFixture(c -> c.clientReadTimeout(Duration.ofSeconds(1)));
        fx.directory.put("billing", List.of(EdgeFixture.endpoint("a1", backend.port())));
    }

    @AfterEach
    void stop() {
        fx.close();
        backend.close();
    }

    private Socket connect() throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), fx.edge.port());
        s.setSoTimeout(10_000);
        s.setTcpNoDelay(true);
        return s;
    }

    private static void send(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
    }

    /** One response: its head (lowercase names kept as sent) and body, framed as the head says. */
    record Response(String head, String body) {
        int status() {
            return Integer.parseInt(head.substring(9, 12));
        }

        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).strip();
                }
            }
            return null;
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            b.write(c);
            byte[] a = b.toByteArray();
            int n = a.length;
            if (n >= 4 && a[n - 4] == '\r' && a[n - 3] == '\n' && a[n - 2] == '\r' && a[n - 1] == '\n') {
                return b.toString(StandardCharsets.ISO_8859_1);
            }
        }
        throw new IOException("connection closed inside a response head: " + b.toString(StandardCharsets.ISO_8859_1));
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            b.append((char) c);
        }
        return b.toString().strip();
    }

    private static Response read(InputStream in, boolean head) throws IOException {
        String h = readHead(in);
        Response r = new Response(h, "");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int status = r.status();
        if (head || status == 204 || status == 304 || status / 100 == 1) {
            return r;
        }
        String cl = r.header("Content-Length");
        String te = r.header("Transfer-Encoding");
        if (cl != null) {
            body.write(in.readNBytes(Integer.parseInt(cl)));
        } else if (te != null && te.toLowerCase(Locale.ROOT).equals("chunked")) {
            while (true) {
                int size = Integer.parseInt(line(in), 16);
                if (size == 0) {
                    line(in);
                    break;
                }
                body.write(in.readNBytes(size));
                line(in);
            }
        } else {
            body.write(in.readAllBytes());
        }
        return new Response(h, body.toString(StandardCharsets.ISO_8859_1));
    }

    private static boolean closedByPeer(InputStream in) throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketException reset) {
            return true;
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderOnOneConnection() throws Exception {
        try (Socket s = connect()) {
            send(s, "GET /billing/one HTTP/1.1\r\nHost: t\r\n\r\nPOST /billing/two HTTP/1.1\r\nHost: t\r\n"
                    + "Content-Length: 3\r\n\r\nabcGET /billing/three HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
            InputStream in = s.getInputStream();
            Response one = read(in, false);
            Response two = read(in, false);
            Response three = read(in, false);
            assertThat(one.body()).contains("uri=/one\n");
            assertThat(two.body()).contains("uri=/two\n").contains("bodyLength=3\n");
            assertThat(three.body()).contains("uri=/three\n");
            assertThat(three.header("Connection")).isEqualTo("close");
            assertThat(closedByPeer(in)).isTrue();
        }
        assertThat(backend.requests()).isEqualTo(3);
    }

    @Test
    void anAbsoluteFormTargetIsRoutedByItsPathAndItsHostIsForwarded() throws Exception {
        try (Socket s = connect()) {
            send(s, "GET http://edge.mesh.test:8080/billing/abs?x=1 HTTP/1.1\r\nHost: ignored.test\r\n\r\n");
            Response r = read(s.getInputStream(), false);
            assertThat(r.status()).isEqualTo(200);
            assertThat(EchoBackend.parse(r.body())).containsEntry("uri", "/abs?x=1")
                    .containsEntry("h.x-forwarded-host", "edge.mesh.test:8080");
        }
    }

    @Test
    void aHeadSentOneByteAtATimeIsServed() throws Exception {
        try (Socket s = connect()) {
            for (byte b : "GET /billing/bytes?x=1 HTTP/1.1\r\nHost: t\r\nX-Piece: p\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)) {
                s.getOutputStream().write(b);
                s.getOutputStream().flush();
            }
            Response r = read(s.getInputStream(), false);
            assertThat(r.status()).isEqualTo(200);
            assertThat(EchoBackend.parse(r.body())).containsEntry("uri", "/bytes?x=1").containsEntry("h.x-piece", "p");
        }
    }

    @Test
    void aClientThatNeverSendsAnythingIsClosedAfterTheClientReadTimeout() throws Exception {
        try (Socket s = connect()) {
            long t0 = System.nanoTime();
            assertThat(closedByPeer(s.getInputStream())).isTrue();
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            // the read timeout is 1 s, checked every 250 ms
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(900)).isLessThan(Duration.ofSeconds(5));
        }
        assertThat(backend.requests()).isZero();
        assertThat(fx.get("/billing/x").statusCode()).isEqualTo(200);
    }

    @Test
    void http10ClientsGetCloseUnlessTheyAskForKeepAlive() throws Exception {
        try (Socket s = connect()) {
            send(s, "GET /billing/old HTTP/1.0\r\n\r\n");
            InputStream in = s.getInputStream();
            Response r = read(in, false);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Connection")).isEqualTo("close");
            assertThat(r.body()).contains("uri=/old\n");
            assertThat(closedByPeer(in)).isTrue();
        }
        try (Socket s = connect()) {
            InputStream in = s.getInputStream();
            send(s, "GET /billing/ka1 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            Response first = read(in, false);
            assertThat(first.header("Connection")).isEqualTo("keep-alive");
            // an unframed (chunked upstream) body to an HTTP/1.0 client runs until the edge closes
            send(s, "GET /billing/big/20000 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            Response big = read(in, false);
            assertThat(big.header("Transfer-Encoding")).isNull();
            assertThat(big.header("Connection")).isEqualTo("close");
            assertThat(big.body()).hasSize(20_000);
        }
    }

    @Test
    void expectContinueGetsA100BeforeTheBodyIsSent() throws Exception {
        try (Socket s = connect()) {
            send(s, "PUT /billing/up HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
            InputStream in = s.getInputStream();
            Response cont = read(in, false);
            assertThat(cont.status()).isEqualTo(100);
            send(s, "hello");
            Response r = read(in, false);
            assertThat(r.status()).isEqualTo(200);
            assertThat(EchoBackend.parse(r.body())).containsEntry("bodyLength", "5").doesNotContainKey("h.expect");
        }
    }

    @Test
    void bodilessStatusesAndHeadKeepTheConnectionUsable() throws Exception {
        try (RawBackend noContent = new RawBackend((sock, head) -> {
            String status = head.contains(" /304 ") ? "304 Not Modified" : "204 No Content";
            sock.getOutputStream().write(("HTTP/1.1 " + status + "\r\nX-From: raw\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            sock.getOutputStream().flush();
        })) {
            fx.directory.put("raw", List.of(EdgeFixture.endpoint("r1", noContent.port())));
            try (Socket s = connect()) {
                InputStream in = s.getInputStream();
                send(s, "GET /raw/204 HTTP/1.1\r\nHost: t\r\n\r\n");
                Response r204 = read(in, false);
                assertThat(r204.status()).isEqualTo(204);
                assertThat(r204.header("Content-Length")).isNull();
                assertThat(r204.header("X-From")).isEqualTo("raw");
                send(s, "GET /raw/304 HTTP/1.1\r\nHost: t\r\n\r\n");
                assertThat(read(in, false).status()).isEqualTo(304);
                send(s, "HEAD /billing/h HTTP/1.1\r\nHost: t\r\n\r\n");
                Response head = read(in, true);
                assertThat(head.status()).isEqualTo(200);
                assertThat(head.header("X-Backend")).isEqualTo("a");
                // nothing of a body followed: the next response starts right after the head
                send(s, "GET /billing/after HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
                Response after = read(in, false);
                assertThat(after.body()).contains("uri=/after\n");
            }
        }
    }

    @Test
    void malformedHeadsAreAnsweredWithJsonAndTheConnectionCloses() throws Exception {
        try (Socket s = connect()) {
            send(s, "GET /billing/x HTTP/1.1\r\nHost: t\r\nX-A: a\r\n b\r\n\r\nGET /billing/smuggled HTTP/1.1\r\nHost: t\r\n\r\n");
            InputStream in = s.getInputStream();
            Response r = read(in, false);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.header("Content-Type")).isEqualTo("application/json");
            assertThat(r.body()).contains("folding").contains("\"requestId\":\"" + r.header("X-Request-Id") + "\"");
            assertThat(r.header("Connection")).isEqualTo("close");
            assertThat(closedByPeer(in)).isTrue();
        }
        assertThat(backend.requests()).isZero();
        assertThat(fx.edge.metrics().prometheus()).contains("class=\"bad_request\"");
    }
}
