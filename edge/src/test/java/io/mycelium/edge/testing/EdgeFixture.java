package io.mycelium.edge.testing;

import io.mycelium.edge.EdgeConfig;
import io.mycelium.edge.EdgeServer;
import io.mycelium.spore.time.Clock;
import io.mycelium.edge.observe.AppLatency;
import io.mycelium.edge.route.Endpoint;
import io.mycelium.edge.route.InMemoryEndpointDirectory;
import io.mycelium.edge.tls.EdgeTls;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** An edge on 127.0.0.1 with an in-memory directory, a captured access log and a test client. */
public final class EdgeFixture implements AutoCloseable {

    public final InMemoryEndpointDirectory directory = new InMemoryEndpointDirectory();
    public final List<String> accessLog = new CopyOnWriteArrayList<>();
    public final List<List<AppLatency>> published = new CopyOnWriteArrayList<>();
    public final EdgeServer edge;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public EdgeFixture(Consumer<EdgeConfig.Builder> customize) {
        this(customize, Clock.SYSTEM);
    }

    public EdgeFixture(Consumer<EdgeConfig.Builder> customize, Clock clock) {
        this(customize, clock, EdgeTls.NONE);
    }

    public EdgeFixture(Consumer<EdgeConfig.Builder> customize, EdgeTls tls) {
        this(customize, Clock.SYSTEM, tls);
    }

    public EdgeFixture(Consumer<EdgeConfig.Builder> customize, Clock clock, EdgeTls tls) {
        this(customize, clock, tls, null);
    }

    /** @param guard who calls and whether they may (null: none) */
    public EdgeFixture(Consumer<EdgeConfig.Builder> customize, Clock clock, EdgeTls tls, io.mycelium.edge.route.CallGuard guard) {
        EdgeConfig.Builder b = EdgeConfig.builder().port(0).edgeId("edge-test").defaultTimeout(Duration.ofSeconds(10))
                .telemetryInterval(Duration.ofHours(1));
        customize.accept(b);
        edge = EdgeServer.start(b.build(), directory, published::add, accessLog::add, clock, tls, guard);
    }

    public static Endpoint endpoint(String id, int port) {
        return Endpoint.ready(id, "127.0.0.1", port, "rev1");
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + edge.port() + pathAndQuery);
    }

    public HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(20)).GET().build());
    }

    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    public HttpClient client() {
        return client;
    }

    /** Sends raw bytes on a new connection and returns everything read until the edge closes or 5 s pass. */
    public String raw(String request) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), edge.port())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder b = new StringBuilder();
            byte[] buf = new byte[4096];
            try {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    b.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                    if (b.indexOf("\r\n\r\n") > 0 && complete(b)) {
                        break;
                    }
                }
            } catch (java.net.SocketTimeoutException e) {
                // return what arrived
            }
            return b.toString();
        }
    }

    private static boolean complete(StringBuilder b) {
        int headEnd = b.indexOf("\r\n\r\n");
        String head = b.substring(0, headEnd).toLowerCase();
        int cl = head.indexOf("content-length:");
        if (cl < 0) {
            return false;
        }
        int eol = head.indexOf("\r\n", cl);
        long len = Long.parseLong(head.substring(cl + 15, eol < 0 ? head.length() : eol).strip());
        return b.length() - headEnd - 4 >= len;
    }

    @Override
    public void close() {
        edge.close();
    }
}
