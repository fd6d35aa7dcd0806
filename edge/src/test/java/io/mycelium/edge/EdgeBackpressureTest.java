package io.mycelium.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mycelium.edge.observe.ErrorClass;
import io.mycelium.edge.testing.EdgeFixture;
import io.mycelium.edge.testing.RawBackend;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The edge's event loops hold at most a bounded amount of a body: a slow reader on one side
 * stops the edge from reading the other side, and bodies far larger than any buffer arrive
 * intact both ways. Slow, vanishing and early-answering peers are cut off or answered cleanly.
 */
class EdgeBackpressureTest {

    private static final long BIG = 256L << 20;

    /** The byte at {@code i} of a test body: a pattern a lost or repeated block would break. */
    private static byte patternAt(long i) {
        return (byte) ((i * 31 + (i >>> 13)) & 0xff);
    }

    private static void writePattern(OutputStream out, long length, AtomicLong written) throws IOException {
        byte[] block = new byte[64 * 1024];
        long at = 0;
        while (at < length) {
            int n = (int) Math.min(block.length, length - at);
            for (int i = 0; i < n; i++) {
                block[i] = patternAt(at + i);
            }
            out.write(block, 0, n);
            at += n;
            written.set(at);
        }
        out.flush();
    }

    /** Reads {@code length} bytes and checks them against the pattern; returns how many matched. */
    private static long readPattern(InputStream in, long length) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long at = 0;
        while (at < length) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, length - at));
            if (n < 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                if (buf[i] != patternAt(at + i)) {
                    return at + i;
                }
            }
            at += n;
        }
        return at;
    }

    /** Waits until {@code counter} has not moved for half a second. */
    private static long settled(AtomicLong counter) {
        long[] last = {-1};
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    long now = counter.get();
                    boolean same = now == last[0];
                    last[0] = now;
                    return same;
                });
        return counter.get();
    }

    private static Socket client(EdgeFixture fx) throws IOException {
        Socket s = new Socket();
        // a small receive window, so that the kernel does not soak up what the edge holds back
        s.setReceiveBufferSize(64 * 1024);
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), fx.edge.port()), 5000);
        s.setSoTimeout(20_000);
        return s;
    }

    @Test
    void aClientThatReadsSlowlyHoldsBackTheUpstreamAndStillGetsEveryByte() throws Exception {
        AtomicLong written = new AtomicLong();
        RawBackend.Behaviour big = (s, head) -> {
            s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: " + BIG + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            writePattern(s.getOutputStream(), BIG, written);
        };
        try (RawBackend backend = new RawBackend(big); EdgeFixture fx = new EdgeFixture(c -> { });
             Socket s = client(fx)) {
            fx.directory.put("big", List.of(EdgeFixture.endpoint("b1", backend.port())));
            s.getOutputStream().write("GET /big/x HTTP/1.1\r\nHost: t\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = s.getInputStream();
            assertThat(RawBackend.readHead(in)).startsWith("HTTP/1.1 200").contains("Content-Length: " + BIG);
            // the client reads nothing more: the backend must be stopped long before the end
            long stalledAt = settled(written);
            assertThat(stalledAt).as("bytes the backend could write while the client read nothing").isLessThan(BIG / 4);
            assertThat(readPattern(in, BIG)).isEqualTo(BIG);
        }
    }

    @Test
    void anUpstreamThatReadsSlowlyHoldsBackTheClientsUploadAndGetsEveryByte() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        AtomicLong matched = new AtomicLong(-1);
        RawBackend.Behaviour slowReader = (s, head) -> {
            try {
                go.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            matched.set(readPattern(s.getInputStream(), BIG));
            s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
        };
        try (RawBackend backend = new RawBackend(slowReader); EdgeFixture fx = new EdgeFixture(c -> { });
             Socket s = client(fx)) {
            fx.directory.put("up", List.of(EdgeFixture.endpoint("u1", backend.port())));
            s.setSendBufferSize(64 * 1024);
            AtomicLong sent = new AtomicLong();
            OutputStream out = s.getOutputStream();
            out.write(("POST /up/x HTTP/1.1\r\nHost: t\r\nContent-Length: " + BIG + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            CompletableFuture<Void> upload = CompletableFuture.runAsync(() -> {
                try {
                    writePattern(out, BIG, sent);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, r -> Thread.ofVirtual().start(r));
            long stalledAt = settled(sent);
            assertThat(stalledAt).as("bytes the client could send while the backend read nothing").isLessThan(BIG / 2);
            go.countDown();
            upload.get(60, TimeUnit.SECONDS);
            String answer = RawBackend.readHead(s.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 200");
            assertThat(matched.get()).isEqualTo(BIG);
        }
    }

    @Test
    void chunkedBodiesOfManyMegabytesArriveIntactBothWays() throws Exception {
        long size = 24L << 20;
        RawBackend.Behaviour digestAndStream = (s, head) -> {
            // decode the chunked upload, digest it, then stream a chunked answer of the same size
            DataInputStream in = new DataInputStream(s.getInputStream());
            MessageDigest sha = sha256();
            while (true) {
                String line = line(in);
                int size1 = Integer.parseInt(line.split(";")[0].strip(), 16);
                if (size1 == 0) {
                    line(in);
                    break;
                }
                byte[] data = new byte[size1];
                in.readFully(data);
                sha.update(data);
                line(in);
            }
            OutputStream out = s.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-Upload-Sha256: "
                    + HexFormat.of().formatHex(sha.digest()) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            byte[] block = new byte[100_000];
            for (long at = 0; at < size; at += block.length) {
                int n = (int) Math.min(block.length, size - at);
                for (int i = 0; i < n; i++) {
                    block[i] = patternAt(at + i);
                }
                out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(block, 0, n);
                out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        };
        try (RawBackend backend = new RawBackend(digestAndStream); EdgeFixture fx = new EdgeFixture(c -> { })) {
            fx.directory.put("echo", List.of(EdgeFixture.endpoint("e1", backend.port())));
            byte[] upload = new byte[(int) size];
            for (int i = 0; i < upload.length; i++) {
                upload[i] = patternAt(i * 7L);
            }
            // a publisher without a known length: the client sends it chunked
            HttpRequest req = HttpRequest.newBuilder(fx.uri("/echo/x"))
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(upload))).build();
            HttpResponse<InputStream> r = fx.client().send(req, HttpResponse.BodyHandlers.ofInputStream());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("X-Upload-Sha256")).hasValue(HexFormat.of().formatHex(sha256().digest(upload)));
            try (InputStream body = r.body()) {
                assertThat(readPattern(body, size)).isEqualTo(size);
                assertThat(body.read()).isEqualTo(-1);
            }
        }
    }

    @Test
    void aClientThatStopsReadingIsCutOffAfterTheReadTimeoutAndTheEdgeKeepsServing() throws Exception {
        AtomicBoolean backendCutOff = new AtomicBoolean();
        RawBackend.Behaviour endless = (s, head) -> {
            s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: " + BIG + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            try {
                writePattern(s.getOutputStream(), BIG, new AtomicLong());
            } catch (IOException e) {
                backendCutOff.set(true);
            }
        };
        try (RawBackend backend = new RawBackend(endless); RawBackend fine = new RawBackend(RawBackend.ok("fine"));
             EdgeFixture fx = new EdgeFixture(c -> c.clientReadTimeout(Duration.ofSeconds(1)));
             Socket s = client(fx)) {
            fx.directory.put("big", List.of(EdgeFixture.endpoint("b1", backend.port())));
            s.getOutputStream().write("GET /big/x HTTP/1.1\r\nHost: t\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            await().atMost(Duration.ofSeconds(15)).until(() -> fx.edge.metrics().app("big").errors(ErrorClass.CLIENT) == 1);
            await().atMost(Duration.ofSeconds(15)).untilTrue(backendCutOff);
            assertThat(fx.accessLog).anyMatch(l -> l.contains("app=big") && l.contains("client took nothing"));
            fx.directory.put("ok", List.of(EdgeFixture.endpoint("o1", fine.port())));
            assertThat(fx.get("/ok/x").body()).isEqualTo("fine");
        }
    }

    @Test
    void aClientThatClosesInsideItsBodyIsCountedAndTheUpstreamConnectionIsNotReused() throws Exception {
        AtomicLong bodyBytes = new AtomicLong(-1);
        RawBackend.Behaviour readAll = (s, head) -> {
            InputStream in = s.getInputStream();
            long n = 0;
            while (in.read() >= 0) {
                n++;
            }
            bodyBytes.set(n);
        };
        try (RawBackend backend = new RawBackend(readAll); RawBackend fine = new RawBackend(RawBackend.ok("fine"));
             EdgeFixture fx = new EdgeFixture(c -> { })) {
            fx.directory.put("up", List.of(EdgeFixture.endpoint("u1", backend.port())));
            fx.directory.put("ok", List.of(EdgeFixture.endpoint("o1", fine.port())));
            try (Socket s = client(fx)) {
                s.getOutputStream().write("POST /up/x HTTP/1.1\r\nHost: t\r\nContent-Length: 1000\r\n\r\n0123456789"
                        .getBytes(StandardCharsets.ISO_8859_1));
                s.getOutputStream().flush();
                await().atMost(Duration.ofSeconds(10)).until(() -> backend.requests() == 1);
            }
            // the backend sees its connection closed after the ten bytes, not a request to answer
            await().atMost(Duration.ofSeconds(10)).until(() -> bodyBytes.get() == 10);
            await().atMost(Duration.ofSeconds(10)).until(() -> fx.edge.metrics().app("up").errors(ErrorClass.CLIENT) == 1);
            assertThat(fx.accessLog).anyMatch(l -> l.contains("app=up") && l.contains("client closed inside the request body"));
            assertThat(fx.get("/ok/x").body()).isEqualTo("fine");
        }
    }

    @Test
    void anUpstreamThatAnswersBeforeTheBodyEndsGetsItsAnswerRelayedAndTheClientConnectionCloses() throws Exception {
        RawBackend.Behaviour refuseEarly = (s, head) -> {
            s.getOutputStream().write("HTTP/1.1 413 Content Too Large\r\nContent-Length: 8\r\n\r\ntoo big!"
                    .getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            while (in.read() >= 0) {
                // drain until the edge closes
            }
        };
        try (RawBackend backend = new RawBackend(refuseEarly); EdgeFixture fx = new EdgeFixture(c -> { });
             Socket s = client(fx)) {
            fx.directory.put("up", List.of(EdgeFixture.endpoint("u1", backend.port())));
            s.getOutputStream().write(("POST /up/x HTTP/1.1\r\nHost: t\r\nContent-Length: 100000000\r\n\r\n" + "x".repeat(1000))
                    .getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            String head = RawBackend.readHead(in);
            assertThat(head).startsWith("HTTP/1.1 413").contains("Connection: close");
            byte[] body = in.readNBytes(8);
            assertThat(new String(body, StandardCharsets.ISO_8859_1)).isEqualTo("too big!");
            // the rest of the upload is not read as a next request: the connection ends
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void manyConcurrentKeepAliveClientsAreAllServedInOrder() throws Exception {
        try (EdgeFixture fx = new EdgeFixture(c -> { });
             io.mycelium.edge.testing.EchoBackend echo = new io.mycelium.edge.testing.EchoBackend("e")) {
            fx.directory.put("echo", List.of(EdgeFixture.endpoint("e1", echo.port())));
            List<CompletableFuture<Integer>> clients = new ArrayList<>();
            for (int c = 0; c < 100; c++) {
                int client = c;
                clients.add(CompletableFuture.supplyAsync(() -> {
                    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), fx.edge.port())) {
                        s.setSoTimeout(20_000);
                        StringBuilder pipelined = new StringBuilder();
                        for (int i = 0; i < 10; i++) {
                            pipelined.append("GET /echo/c").append(client).append("-r").append(i).append(" HTTP/1.1\r\nHost: t\r\n\r\n");
                        }
                        s.getOutputStream().write(pipelined.toString().getBytes(StandardCharsets.ISO_8859_1));
                        InputStream in = s.getInputStream();
                        int ok = 0;
                        for (int i = 0; i < 10; i++) {
                            String head = RawBackend.readHead(in);
                            int cl = head.toLowerCase(java.util.Locale.ROOT).indexOf("content-length: ");
                            int len = Integer.parseInt(head.substring(cl + 16, head.indexOf("\r\n", cl)));
                            String body = new String(in.readNBytes(len), StandardCharsets.UTF_8);
                            if (head.startsWith("HTTP/1.1 200") && body.contains("uri=/c" + client + "-r" + i + "\n")) {
                                ok++;
                            }
                        }
                        return ok;
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }, r -> Thread.ofVirtual().start(r)));
            }
            int total = 0;
            for (CompletableFuture<Integer> f : clients) {
                total += f.get(60, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo(1000);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String line(DataInputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }
}
