package io.mycelium.edge.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mycelium.edge.loop.EventLoop;
import io.mycelium.spore.time.ManualClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UpstreamPoolTest {

    private final ManualClock clock = new ManualClock();
    private EventLoop loop;
    private ServerSocket server;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private Thread acceptor;

    @BeforeEach
    void start() throws IOException {
        loop = new EventLoop("test-loop", clock, 5_000_000L).start();
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    accepted.add(server.accept());
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        acceptor.join(5000);
        for (Socket s : accepted) {
            s.close();
        }
        loop.close();
    }

    /** Runs {@code task} on the loop and waits for its result. */
    private <T> T onLoop(Callable<T> task) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                result.complete(task.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(10, TimeUnit.SECONDS);
    }

    private UpstreamChannel connect(String authority) throws Exception {
        UpstreamChannel c = onLoop(() -> UpstreamChannel.open(loop,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), authority, (ch, k) -> { }));
        await().atMost(Duration.ofSeconds(5)).until(() -> onLoop(() -> !c.connecting() || c.finishConnect()));
        return c;
    }

    @Test
    void reusesMostRecentFirstBoundsIdleAndDropsStaleOnes() throws Exception {
        UpstreamPool pool = new UpstreamPool(TimeUnit.SECONDS.toNanos(30), 2);
        String authority = "127.0.0.1:" + server.getLocalPort();
        List<UpstreamChannel> three = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            three.add(connect(authority));
        }
        onLoop(() -> {
            three.forEach(c -> pool.release(c, clock.nanoTime()));
            return null;
        });
        // the third release found the pool full and closed its connection
        assertThat(onLoop(() -> pool.idleCount(authority))).isEqualTo(2);
        UpstreamChannel a = onLoop(() -> pool.acquire(authority, clock.nanoTime()));
        assertThat(a).isSameAs(three.get(1));
        assertThat(a.reused()).isTrue();
        onLoop(() -> {
            pool.release(a, clock.nanoTime());
            return null;
        });
        assertThat(onLoop(() -> pool.acquire(authority, clock.nanoTime()))).isSameAs(a);
        // past the idle timeout a connection is closed, not handed out
        clock.advance(Duration.ofSeconds(31));
        assertThat(onLoop(() -> pool.acquire(authority, clock.nanoTime()))).isNull();
        assertThat(onLoop(() -> pool.idleCount(authority))).isZero();
    }

    @Test
    void anIdleConnectionTheUpstreamClosesIsDroppedAtOnce() throws Exception {
        UpstreamPool pool = new UpstreamPool(TimeUnit.SECONDS.toNanos(30), 4);
        String authority = "127.0.0.1:" + server.getLocalPort();
        UpstreamChannel c = connect(authority);
        onLoop(() -> {
            pool.release(c, clock.nanoTime());
            return null;
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> accepted.size() == 1);
        assertThat(onLoop(() -> pool.idleCount(authority))).isEqualTo(1);
        accepted.get(0).close();
        await().atMost(Duration.ofSeconds(5)).until(() -> onLoop(() -> pool.idleCount(authority)) == 0);
        assertThat(onLoop(() -> pool.acquire(authority, clock.nanoTime()))).isNull();
    }

    @Test
    void theTickClosesIdleConnectionsPastTheTimeoutAndCloseIdleEmptiesAnEndpoint() throws Exception {
        UpstreamPool pool = new UpstreamPool(TimeUnit.SECONDS.toNanos(5), 4);
        String authority = "127.0.0.1:" + server.getLocalPort();
        UpstreamChannel old = connect(authority);
        UpstreamChannel young = connect(authority);
        onLoop(() -> {
            pool.release(old, clock.nanoTime());
            clock.advance(Duration.ofSeconds(3));
            pool.release(young, clock.nanoTime());
            clock.advance(Duration.ofSeconds(3));
            pool.tick(clock.nanoTime());
            return null;
        });
        assertThat(onLoop(() -> pool.idleCount(authority))).isEqualTo(1);
        assertThat(onLoop(() -> pool.acquire(authority, clock.nanoTime()))).isSameAs(young);
        onLoop(() -> {
            pool.release(young, clock.nanoTime());
            pool.closeIdle(authority);
            return null;
        });
        assertThat(onLoop(() -> pool.idleCount(authority))).isZero();
        assertThat(young.clean()).as("closed").isFalse();
    }
}
