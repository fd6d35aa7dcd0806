package io.mycelium.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mycelium.edge.testing.EdgeFixture;
import io.mycelium.edge.testing.RawBackend;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Bodies flow through the edge as they come: neither side is buffered whole. */
class EdgeStreamingTest {

    @Test
    void responseBytesReachTheClientBeforeTheBackendHasFinished() throws Exception {
        CountDownLatch rest = new CountDownLatch(1);
        RawBackend.Behaviour partThenRest = (s, head) -> {
            OutputStream out = s.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nfirst|\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            try {
                rest.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.write("4\r\nrest\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        };
        try (RawBackend backend = new RawBackend(partThenRest); EdgeFixture fx = new EdgeFixture(c -> { })) {
            fx.directory.put("s", List.of(EdgeFixture.endpoint("s1", backend.port())));
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), fx.edge.port())) {
                client.setSoTimeout(10_000);
                client.getOutputStream().write("GET /s/x HTTP/1.1\r\nHost: t\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                InputStream in = client.getInputStream();
                StringBuilder seen = new StringBuilder();
                byte[] buf = new byte[1024];
                while (seen.indexOf("first|") < 0) {
                    int n = in.read(buf);
                    assertThat(n).as("edge closed before the first part arrived").isPositive();
                    seen.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                }
                assertThat(rest.getCount()).as("first part arrived while the backend still held the rest").isEqualTo(1);
                rest.countDown();
                // the last chunk, searched after the body began: a header such as a request id that
                // ends in '0' also ends in "0\r\n\r\n"
                int body = seen.indexOf("first|");
                while (seen.indexOf("\r\n0\r\n\r\n", body) < 0) {
                    int n = in.read(buf);
                    assertThat(n).isPositive();
                    seen.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                }
                assertThat(seen.toString()).startsWith("HTTP/1.1 200").contains("rest");
            }
        }
    }

    @Test
    void requestBytesReachTheBackendBeforeTheClientHasFinished() throws Exception {
        AtomicLong received = new AtomicLong();
        RawBackend.Behaviour countBody = (s, head) -> {
            InputStream in = s.getInputStream();
            byte[] buf = new byte[1024];
            int n;
            StringBuilder tail = new StringBuilder();
            while ((n = in.read(buf)) >= 0) {
                received.addAndGet(n);
                tail.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                if (tail.indexOf("0\r\n\r\n") >= 0) {
                    break;
                }
            }
            s.getOutputStream().write("HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
        };
        try (RawBackend backend = new RawBackend(countBody); EdgeFixture fx = new EdgeFixture(c -> { })) {
            fx.directory.put("s", List.of(EdgeFixture.endpoint("s1", backend.port())));
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), fx.edge.port())) {
                client.setSoTimeout(10_000);
                OutputStream out = client.getOutputStream();
                out.write(("POST /s/up HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "400\r\n" + "x".repeat(1024) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                await().atMost(Duration.ofSeconds(10)).until(() -> received.get() >= 1024);
                out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                byte[] buf = new byte[256];
                int n = client.getInputStream().read(buf);
                assertThat(new String(buf, 0, n, StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 204");
            }
        }
    }
}
