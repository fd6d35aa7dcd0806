package io.mycelium.edge.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.mycelium.edge.Ticker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConnectionPoolTest {

    private ServerSocket server;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private Thread acceptor;
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final Ticker ticker = now::get;

    /** A keep-alive backend: answers every request head with "ok". */
    @BeforeEach
    void startBackend() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofPlatform().daemon().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    accepted.add(s);
                    Thread.ofPlatform().daemon().start(() -> serve(s));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    private static void serve(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            int state = 0;
            int b;
            while ((b = in.read()) >= 0) {
                state = (b == '\n') ? state + 1 : (b == '\r' ? state : 0);
                if (state == 2) {
                    out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    state = 0;
                }
            }
        } catch (IOException e) {
            // the pool closed it
        }
    }

    @AfterEach
    void stopBackend() throws Exception {
        server.close();
        for (Socket s : accepted) {
            s.close();
        }
        acceptor.join(5_000);
    }

    private static void exchange(UpstreamConnection c) throws IOException {
        c.begin(Duration.ofSeconds(5));
        c.requestHead().append("GET / HTTP/1.1").crlf().field("Host", "t").crlf().writeTo(c.out());
        c.out().flush();
        ResponseHead head = c.readHead(false);
        assertThat(head.status()).isEqualTo(200);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        c.copyBody(head, body);
        assertThat(body.toString(StandardCharsets.ISO_8859_1)).isEqualTo("ok");
    }

    @Test
    void reusesMostRecentFirstBoundsIdleAndDropsStaleOnes() throws Exception {
        String authority = "127.0.0.1:" + server.getLocalPort();
        try (ConnectionPool pool = new ConnectionPool(Duration.ofSeconds(2), Duration.ofSeconds(10), 2, ticker)) {
            List<UpstreamConnection> three = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                UpstreamConnection c = pool.acquire("127.0.0.1", server.getLocalPort(), authority);
                exchange(c);
                three.add(c);
            }
            assertThat(new HashSet<>(three)).hasSize(3);
            for (UpstreamConnection c : three) {
                pool.release(c);
            }
            // at most two are kept; the third is closed
            assertThat(pool.idleCount(authority)).isEqualTo(2);
            UpstreamConnection a = pool.acquire("127.0.0.1", server.getLocalPort(), authority);
            assertThat(a).isSameAs(three.get(1));
            assertThat(a.reused()).isTrue();
            exchange(a);
            pool.release(a);
            assertThat(pool.acquire("127.0.0.1", server.getLocalPort(), authority)).isSameAs(a);
            assertThat(pool.idleCount(authority)).isEqualTo(1);
            // past the idle timeout a pooled connection is closed instead of reused
            now.addAndGet(Duration.ofSeconds(11).toNanos());
            UpstreamConnection fresh = pool.acquire("127.0.0.1", server.getLocalPort(), authority);
            assertThat(fresh).isNotSameAs(three.get(0)).isNotSameAs(a);
            assertThat(fresh.reused()).isFalse();
            assertThat(pool.idleCount(authority)).isZero();
            exchange(fresh);
            pool.release(fresh);
            pool.closeIdle(authority);
            assertThat(pool.idleCount(authority)).isZero();
            a.close();
        }
    }

    @Test
    void concurrentAcquireAndReleaseNeverHandOneConnectionToTwo() throws Exception {
        String authority = "127.0.0.1:" + server.getLocalPort();
        try (ConnectionPool pool = new ConnectionPool(Duration.ofSeconds(2), Duration.ofSeconds(60), 8, ticker)) {
            Set<UpstreamConnection> inUse = java.util.concurrent.ConcurrentHashMap.newKeySet();
            List<Throwable> failures = new CopyOnWriteArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                threads.add(Thread.ofVirtual().start(() -> {
                    try {
                        for (int i = 0; i < 200; i++) {
                            UpstreamConnection c = pool.acquire("127.0.0.1", server.getLocalPort(), authority);
                            assertThat(inUse.add(c)).as("handed out twice").isTrue();
                            exchange(c);
                            inUse.remove(c);
                            pool.release(c);
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
            assertThat(failures).isEmpty();
            assertThat(pool.idleCount(authority)).isBetween(1, 8);
            assertThat(accepted.size()).isLessThanOrEqualTo(8 + 8);
        }
    }
}
