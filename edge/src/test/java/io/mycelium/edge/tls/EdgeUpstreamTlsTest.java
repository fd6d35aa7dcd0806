package io.mycelium.edge.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.mycelium.edge.testing.EchoBackend;
import io.mycelium.edge.testing.EdgeFixture;
import io.mycelium.edge.testing.TestCertificates;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's client side: an edge whose upstream is another edge's TLS listener, the way one
 * hyphae router calls another. Connections are pooled (one handshake for many requests), and an
 * upstream whose certificate the client does not trust is a failed connect (502), not a request.
 */
class EdgeUpstreamTlsTest {

    @TempDir
    Path dir;

    @Test
    void forwardsOverTlsAndReusesTheConnection() throws Exception {
        TestCertificates ca = new TestCertificates();
        ca.issue(dir.resolve("b.crt"), dir.resolve("b.key"), "b.test");
        SSLContext trusting = ca.clientContext();
        AtomicInteger handshakes = new AtomicInteger();
        UpstreamTls tls = endpoint -> {
            handshakes.incrementAndGet();
            SSLEngine e = trusting.createSSLEngine("b.test", endpoint.port());
            SSLParameters p = e.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            e.setSSLParameters(p);
            return e;
        };
        try (EchoBackend backend = new EchoBackend("echo");
             EdgeFixture inner = new EdgeFixture(c -> { }, EdgeTls.server(CertificateFiles.of(dir.resolve("b.crt"), dir.resolve("b.key"))));
             EdgeFixture outer = new EdgeFixture(c -> c.stripPrefix(false), new EdgeTls(java.util.Optional.empty(), tls))) {
            inner.directory.put("echo", List.of(EdgeFixture.endpoint("e1", backend.port())));
            outer.directory.put("echo", List.of(EdgeFixture.endpoint("inner", inner.edge.port())));
            for (int i = 0; i < 20; i++) {
                HttpResponse<String> r = outer.get("/echo/n/" + i);
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).contains("uri=/n/" + i, "h.x-forwarded-proto=https");
            }
            assertThat(handshakes.get()).as("pooled keep-alive connections to the TLS upstream").isLessThanOrEqualTo(2);
            byte[] big = outer.client().send(java.net.http.HttpRequest.newBuilder(outer.uri("/echo/big/2000000")).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body();
            assertThat(big).hasSize(2_000_000);
        }
    }

    @Test
    void anUntrustedUpstreamIsAFailedConnect() throws Exception {
        TestCertificates ca = new TestCertificates();
        TestCertificates other = new TestCertificates();
        ca.issue(dir.resolve("b.crt"), dir.resolve("b.key"), "b.test");
        SSLContext trustsOther = other.clientContext();
        UpstreamTls tls = endpoint -> trustsOther.createSSLEngine("b.test", endpoint.port());
        try (EchoBackend backend = new EchoBackend("echo");
             EdgeFixture inner = new EdgeFixture(c -> { }, EdgeTls.server(CertificateFiles.of(dir.resolve("b.crt"), dir.resolve("b.key"))));
             EdgeFixture outer = new EdgeFixture(c -> { }, new EdgeTls(java.util.Optional.empty(), tls))) {
            inner.directory.put("echo", List.of(EdgeFixture.endpoint("e1", backend.port())));
            outer.directory.put("echo", List.of(EdgeFixture.endpoint("inner", inner.edge.port())));
            HttpResponse<String> r = outer.get("/echo/x");
            assertThat(r.statusCode()).isEqualTo(502);
            assertThat(backend.requests()).isZero();
        }
    }
}
