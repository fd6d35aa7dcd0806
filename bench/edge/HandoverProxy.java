import io.helidon.common.buffers.BufferData;
import io.helidon.common.concurrency.limits.Limit;
import io.helidon.common.socket.HelidonSocket;
import io.helidon.common.socket.NioSocket;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bench-only measurement, not product code: can the edge keep Helidon's listener (its accept
 * loop, connection cap and idle handling) and still serve requests on event loops? A Helidon
 * WebServer whose only connection selector takes each accepted connection's plain SocketChannel,
 * switches it to non-blocking and hands it to one of {@link NioProxy}'s loops (one per core); the
 * connection's virtual thread then parks until the loop closes the connection, so it costs
 * nothing per request. Same feature-less proxying as NioProxy (Content-Length framing only).
 * Run: java -cp <the edge's class path> bench/edge/HandoverProxy.java PORT BACKEND_HOST BACKEND_PORT
 */
public final class HandoverProxy {

    private static final VarHandle DELEGATE;

    static {
        try {
            DELEGATE = MethodHandles.privateLookupIn(NioSocket.class, MethodHandles.lookup())
                    .findVarHandle(NioSocket.class, "delegate", SocketChannel.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    public static void main(String[] a) throws Exception {
        int port = Integer.parseInt(a[0]);
        InetSocketAddress backend = new InetSocketAddress(a[1], Integer.parseInt(a[2]));
        int n = Runtime.getRuntime().availableProcessors();
        NioProxy.Loop[] loops = new NioProxy.Loop[n];
        for (int i = 0; i < n; i++) {
            loops[i] = new NioProxy.Loop(backend);
            Thread.ofPlatform().name("loop-" + i).daemon().start(loops[i]::run);
        }
        AtomicInteger next = new AtomicInteger();
        WebServer server = WebServer.builder()
                .host("127.0.0.1")
                .port(port)
                .shutdownHook(false)
                .connectionOptions(o -> o.tcpNoDelay(true))
                .protocolsDiscoverServices(false)
                .addConnectionSelector(new ServerConnectionSelector() {
                    @Override
                    public int bytesToIdentifyConnection() {
                        return 0;
                    }

                    @Override
                    public Support supports(BufferData data) {
                        return Support.SUPPORTED;
                    }

                    @Override
                    public Set<String> supportedApplicationProtocols() {
                        return Set.of("http/1.1");
                    }

                    @Override
                    public ServerConnection connection(ConnectionContext ctx) {
                        return new Handover(ctx, loops[Math.floorMod(next.getAndIncrement(), n)]);
                    }
                })
                .build()
                .start();
        System.out.println("handover proxy listening on port " + server.port() + " with " + n + " loops");
        Thread.currentThread().join();
    }

    /** One connection: handed to a loop, its virtual thread parked until the loop closes it. */
    static final class Handover implements ServerConnection {
        private final HelidonSocket socket;
        private final NioProxy.Loop loop;

        Handover(ConnectionContext ctx, NioProxy.Loop loop) {
            this.socket = ctx.serverSocket();
            this.loop = loop;
        }

        @Override
        public void handle(Limit limit) throws InterruptedException {
            if (socket.getClass() != NioSocket.class) {
                throw new IllegalStateException("not a plain TCP socket: " + socket.getClass());
            }
            SocketChannel ch = (SocketChannel) DELEGATE.get(socket);
            try {
                ch.configureBlocking(false);
            } catch (IOException e) {
                return;
            }
            CountDownLatch closed = new CountDownLatch(1);
            loop.handOver(ch, closed);
            closed.await();
        }

        @Override
        public Duration idleTime() {
            return Duration.ZERO;
        }

        @Override
        public void close(boolean interrupt) {
            socket.close();
        }
    }
}
