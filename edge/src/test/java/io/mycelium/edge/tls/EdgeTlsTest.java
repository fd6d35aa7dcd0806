package io.mycelium.edge.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mycelium.edge.testing.EchoBackend;
import io.mycelium.edge.testing.EdgeFixture;
import io.mycelium.edge.testing.TestCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The edge's listener over TLS: certificates by SNI, reload, bad handshakes, bodies both ways. */
class EdgeTlsTest {

    @TempDir
    Path dir;
    TestCertificates ca;
    X509Certificate certA;
    X509Certificate certB;
    EchoBackend backend;
    EdgeFixture fx;
    CertificateFiles files;

    @BeforeEach
    void start() throws Exception {
        ca = new TestCertificates();
        certA = ca.issue(dir.resolve("a.crt"), dir.resolve("a.key"), "a.test", "*.apps.a.test");
        certB = ca.issue(dir.resolve("b.crt"), dir.resolve("b.key"), "b.test");
        files = CertificateFiles.load(List.of(dir.resolve("a.crt"), dir.resolve("b.crt")),
                List.of(dir.resolve("a.key"), dir.resolve("b.key")));
        backend = new EchoBackend("echo");
        fx = new EdgeFixture(c -> c.clientReadTimeout(Duration.ofMillis(800)), EdgeTls.server(files));
        fx.directory.put("echo", List.of(EdgeFixture.endpoint("e1", backend.port())));
    }

    @AfterEach
    void stop() {
        fx.close();
        backend.close();
    }

    private String get(String sni, String path) throws Exception {
        try (TlsClient c = new TlsClient(ca.clientContext(), fx.edge.port(), sni)) {
            return c.exchange("GET " + path + " HTTP/1.1\r\nHost: " + (sni == null ? "x" : sni) + "\r\nConnection: close\r\n\r\n");
        }
    }

    @Test
    void servesEachNameItsOwnCertificateAndTheFirstWithoutAName() throws Exception {
        // a context each, as clients of different hosts have: one context would resume the first
        // session (its cache is keyed by the address, 127.0.0.1 for all of them)
        try (TlsClient a = new TlsClient(ca.clientContext(), fx.edge.port(), "a.test");
             TlsClient wild = new TlsClient(ca.clientContext(), fx.edge.port(), "shop.apps.a.test");
             TlsClient b = new TlsClient(ca.clientContext(), fx.edge.port(), "b.test");
             TlsClient none = new TlsClient(ca.clientContext(), fx.edge.port(), null)) {
            assertThat(a.peer()).isEqualTo(certA);
            assertThat(wild.peer()).isEqualTo(certA);
            assertThat(b.peer()).isEqualTo(certB);
            assertThat(none.peer()).isEqualTo(certA);
            String answer = b.exchange("GET /echo/hi HTTP/1.1\r\nHost: b.test\r\n\r\n");
            assertThat(answer).startsWith("HTTP/1.1 200");
            Map<String, String> echo = EchoBackend.parse(answer.substring(answer.indexOf("\r\n\r\n") + 4));
            assertThat(echo).containsEntry("uri", "/hi").containsEntry("h.x-forwarded-proto", "https");
            // keep-alive over TLS: a second request on the same connection
            assertThat(b.exchange("GET /echo/again HTTP/1.1\r\nHost: b.test\r\n\r\n")).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void refusesANameNoCertificateCarriesAndKeepsServing() throws Exception {
        assertThatThrownBy(() -> get("c.test", "/echo/x")).isInstanceOf(SSLException.class);
        assertThatThrownBy(() -> get("x.y.apps.a.test", "/echo/x")).isInstanceOf(SSLException.class);
        assertThat(get("a.test", "/echo/x")).startsWith("HTTP/1.1 200");
        // an address sent as a name (wrk does) is no name: the first certificate
        try (TlsClient ip = new TlsClient(ca.clientContext(), fx.edge.port(), "127.0.0.1")) {
            assertThat(ip.peer()).isEqualTo(certA);
        }
    }

    @Test
    void refusesGarbageAndATruncatedHelloWithoutHarm() throws Exception {
        // garbage: not a TLS record at all; the edge answers with an alert or closes, and nothing else
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), fx.edge.port())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            byte[] rest = readUntilClosed(s.getInputStream());
            assertThat(new String(rest, StandardCharsets.ISO_8859_1)).doesNotContain("HTTP/1.1");
            if (rest.length > 0) {
                assertThat(rest[0]).as("a TLS alert record").isEqualTo((byte) 21);
            }
        }
        // random bytes in a TLS record header
        Random random = new Random(16);
        for (int i = 0; i < 20; i++) {
            byte[] junk = new byte[1 + random.nextInt(600)];
            random.nextBytes(junk);
            junk[0] = 22;
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), fx.edge.port())) {
                s.setSoTimeout(5000);
                s.getOutputStream().write(junk);
                readUntilClosed(s.getInputStream());
            }
        }
        // a truncated ClientHello: the edge waits for the rest no longer than the read timeout
        byte[] hello = clientHello("a.test");
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), fx.edge.port())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(hello, 0, hello.length / 2);
            long t0 = System.nanoTime();
            byte[] rest = readUntilClosed(s.getInputStream());
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(4));
            assertThat(new String(rest, StandardCharsets.ISO_8859_1)).doesNotContain("HTTP/1.1");
        }
        // and the edge still serves
        assertThat(get("a.test", "/echo/after")).startsWith("HTTP/1.1 200");
        assertThat(backend.requests()).isEqualTo(1);
    }

    @Test
    void takesChangedFilesWithoutARestart() throws Exception {
        X509Certificate renewed = ca.issue(dir.resolve("b.crt"), dir.resolve("b.key"), "b.test", "www.b.test");
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            try (TlsClient c = new TlsClient(ca.clientContext(), fx.edge.port(), "www.b.test")) {
                return c.peer().equals(renewed);
            } catch (SSLException e) {
                return false;
            }
        });
        // a half-written key keeps the certificates in use
        Files.writeString(dir.resolve("a.key"), "-----BEGIN PRIVATE KEY-----\nAAAA\n");
        assertThat(files.reloadIfChanged()).isFalse();
        try (TlsClient c = new TlsClient(ca.clientContext(), fx.edge.port(), "a.test")) {
            assertThat(c.peer()).isEqualTo(certA);
        }
    }

    @Test
    void carriesLargeBodiesBothWays() throws Exception {
        byte[] body = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(body);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        try (TlsClient c = new TlsClient(ca.clientContext(), fx.edge.port(), "a.test")) {
            byte[] head = ("POST /echo/up HTTP/1.1\r\nHost: a.test\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1);
            byte[] req = ByteBuffer.allocate(head.length + body.length).put(head).put(body).array();
            String answer = c.exchange(req);
            assertThat(answer).startsWith("HTTP/1.1 200").contains("bodySha256=" + sha);
            // 5 MB down, chunked by the backend
            OutputStream out = c.socket.getOutputStream();
            out.write("GET /echo/big/5000000 HTTP/1.1\r\nHost: a.test\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            long got = countChunkedBody(c.socket.getInputStream());
            assertThat(got).isEqualTo(5_000_000);
        }
    }

    @Test
    void refusesAFileSetThatDoesNotLoadNamingTheFile() throws Exception {
        Files.writeString(dir.resolve("bad.key"), "not a key");
        assertThatThrownBy(() -> CertificateFiles.of(dir.resolve("a.crt"), dir.resolve("bad.key")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad.key");
        assertThatThrownBy(() -> CertificateFiles.of(dir.resolve("a.crt"), dir.resolve("b.key")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not the key of certificate");
        assertThatThrownBy(() -> CertificateFiles.load(List.of(dir.resolve("a.crt")), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--tls-key");
        // a directory: every NAME.crt with its NAME.key
        CertificateFiles fromDir = CertificateFiles.load(List.of(dir), List.of());
        assertThat(fromDir.names()).hasSize(2);
    }

    /** Reads a chunked response's body to its end and returns its length. */
    private static long countChunkedBody(InputStream in) throws IOException {
        java.io.BufferedInputStream b = new java.io.BufferedInputStream(in);
        String line;
        while (!(line = readLine(b)).isEmpty()) {
            assertThat(line).doesNotContainIgnoringCase("content-length");
        }
        long total = 0;
        while (true) {
            int size = Integer.parseInt(readLine(b).strip(), 16);
            if (size == 0) {
                readLine(b);
                return total;
            }
            total += b.readNBytes(size).length;
            readLine(b);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder s = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("closed in a line");
            }
            if (c != '\r') {
                s.append((char) c);
            }
        }
        return s.toString();
    }

    private static byte[] readUntilClosed(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                b.write(buf, 0, n);
            }
        } catch (SocketException e) {
            // a reset is a close too
        }
        return b.toByteArray();
    }

    /** The first flight of a real client asking for {@code sni}. */
    private byte[] clientHello(String sni) throws Exception {
        SSLEngine client = ca.clientContext().createSSLEngine("a.test", 443);
        client.setUseClientMode(true);
        SSLParameters p = client.getSSLParameters();
        p.setServerNames(List.of(new SNIHostName(sni)));
        client.setSSLParameters(p);
        ByteBuffer out = ByteBuffer.allocate(client.getSession().getPacketBufferSize());
        client.wrap(ByteBuffer.allocate(0), out);
        out.flip();
        byte[] b = new byte[out.remaining()];
        out.get(b);
        return b;
    }
}
