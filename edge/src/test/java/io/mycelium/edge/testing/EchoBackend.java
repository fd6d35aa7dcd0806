package io.mycelium.edge.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JDK HttpServer on 127.0.0.1 that answers every request with what it saw: its name, method,
 * URI, headers and the sha256 of the request body, one {@code key=value} per line. Special paths:
 * {@code /big/<n>} streams n bytes (chunked), {@code /slow/<ms>} waits before answering, {@code
 * /hold} waits until {@link #release()}, {@code /status/<code>} answers that status.
 */
public final class EchoBackend implements AutoCloseable {

    private final String name;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicInteger requests = new AtomicInteger();
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    private final Map<String, String> lastHeaders = new ConcurrentHashMap<>();
    private volatile CountDownLatch hold = new CountDownLatch(1);
    private final AtomicInteger holding = new AtomicInteger();

    public EchoBackend(String name) throws IOException {
        this.name = name;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String name() {
        return name;
    }

    /** Requests received. */
    public int requests() {
        return requests.get();
    }

    /** Distinct client (edge) ports seen: how many upstream connections were opened. */
    public int connections() {
        return clientPorts.size();
    }

    /** Requests waiting in {@code /hold}. */
    public int holding() {
        return holding.get();
    }

    /** Lets every {@code /hold} request answer. */
    public void release() {
        hold.countDown();
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        clientPorts.add(ex.getRemoteAddress().getPort());
        String path = ex.getRequestURI().getRawPath();
        try (ex) {
            String bodySha;
            long bodyLen;
            try (InputStream in = ex.getRequestBody()) {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                byte[] buf = new byte[8192];
                long total = 0;
                int n;
                while ((n = in.read(buf)) >= 0) {
                    md.update(buf, 0, n);
                    total += n;
                }
                bodySha = HexFormat.of().formatHex(md.digest());
                bodyLen = total;
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            if (path.startsWith("/big/")) {
                long n = Long.parseLong(path.substring(5));
                ex.sendResponseHeaders(200, 0);
                try (OutputStream out = ex.getResponseBody()) {
                    byte[] chunk = new byte[8192];
                    for (int i = 0; i < chunk.length; i++) {
                        chunk[i] = (byte) ('a' + i % 26);
                    }
                    long left = n;
                    while (left > 0) {
                        int k = (int) Math.min(chunk.length, left);
                        out.write(chunk, 0, k);
                        left -= k;
                    }
                }
                return;
            }
            if (path.startsWith("/slow/")) {
                sleepQuietly(Duration.ofMillis(Long.parseLong(path.substring(6))));
            }
            if (path.equals("/hold")) {
                holding.incrementAndGet();
                try {
                    hold.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    holding.decrementAndGet();
                }
            }
            int status = path.startsWith("/status/") ? Integer.parseInt(path.substring(8)) : 200;
            StringBuilder b = new StringBuilder();
            b.append("backend=").append(name).append('\n');
            b.append("method=").append(ex.getRequestMethod()).append('\n');
            b.append("uri=").append(ex.getRequestURI().toString()).append('\n');
            b.append("bodyLength=").append(bodyLen).append('\n');
            b.append("bodySha256=").append(bodySha).append('\n');
            ex.getRequestHeaders().forEach((k, v) -> {
                lastHeaders.put(k.toLowerCase(), String.join(",", v));
                b.append("h.").append(k.toLowerCase()).append('=').append(String.join(",", v)).append('\n');
            });
            byte[] body = b.toString().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/plain");
            ex.getResponseHeaders().add("X-Backend", name);
            ex.sendResponseHeaders(status, body.length);
            ex.getResponseBody().write(body);
        }
    }

    /** Parses an echo body into its lines. */
    public static Map<String, String> parse(String body) {
        Map<String, String> m = new ConcurrentHashMap<>();
        for (String line : body.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                m.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return m;
    }

    /** Headers of the last request, lower-case names. */
    public Map<String, String> lastHeaders() {
        return Map.copyOf(lastHeaders);
    }

    static void sleepQuietly(Duration d) {
        // the backend itself is slow on purpose; this is not a test waiting for a condition
        try {
            TimeUnit.MILLISECONDS.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static List<String> lines(String body) {
        return List.of(body.split("\n"));
    }

    @Override
    public void close() {
        hold.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
