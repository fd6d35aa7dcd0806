import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The ceiling of an event-loop proxy in Java on this machine, for the decision record (not
 * product code, no features): one selector thread per core, each with its own listening socket
 * (SO_REUSEPORT, the kernel spreads connections), non-blocking client sockets and a per-loop
 * pool of non-blocking keep-alive upstream sockets, fixed direct buffers. Per request it parses
 * just enough: the head's end, the request line (the "/app" prefix is stripped as the edge does)
 * and Content-Length of request and response; headers are copied as received, the response
 * bytes are relayed as they arrive. One request at a time per client connection; requests
 * without Content-Length framing of at most 16 KiB in all, and responses without
 * Content-Length, close the connection.
 *
 * java bench/edge/NioProxy.java PORT BACKEND_HOST BACKEND_PORT
 */
public final class NioProxy {

    private static final int BUF = 16 * 1024;
    private static final byte[] PREFIX = "/app".getBytes(StandardCharsets.US_ASCII);

    public static void main(String[] a) throws IOException, InterruptedException {
        int port = Integer.parseInt(a[0]);
        InetSocketAddress backend = new InetSocketAddress(a[1], Integer.parseInt(a[2]));
        int loops = Runtime.getRuntime().availableProcessors();
        Thread[] threads = new Thread[loops];
        for (int i = 0; i < loops; i++) {
            Loop loop = new Loop(port, backend);
            threads[i] = Thread.ofPlatform().name("loop-" + i).start(loop::run);
        }
        System.out.println("nio proxy listening on port " + port + " with " + loops + " loops");
        for (Thread t : threads) {
            t.join();
        }
    }

    /** A client connection. */
    static final class Client {
        final SocketChannel ch;
        SelectionKey key;
        final ByteBuffer in = ByteBuffer.allocateDirect(BUF);
        final ByteBuffer req = ByteBuffer.allocateDirect(BUF + 64);
        Upstream up;
        /** Counted down when the connection closes (a listener that handed it over waits on it); or null. */
        java.util.concurrent.CountDownLatch closed;

        Client(SocketChannel ch) {
            this.ch = ch;
        }
    }

    /** A keep-alive upstream connection. */
    static final class Upstream {
        final SocketChannel ch;
        SelectionKey key;
        final ByteBuffer in = ByteBuffer.allocateDirect(BUF);
        Client client;
        /** Bytes of the current response still to relay; -1 until its head is parsed. */
        long left = -1;

        Upstream(SocketChannel ch) {
            this.ch = ch;
        }
    }

    static final class Loop {
        final Selector selector;
        final InetSocketAddress backend;
        final ArrayDeque<Upstream> idle = new ArrayDeque<>();

        /** Connections accepted elsewhere (bench/edge/HandoverProxy.java), registered by this loop's thread. */
        final java.util.concurrent.ConcurrentLinkedQueue<Client> handed = new java.util.concurrent.ConcurrentLinkedQueue<>();

        /** A loop with no listener of its own: it serves only connections handed to it. */
        Loop(InetSocketAddress backend) throws IOException {
            this.backend = backend;
            this.selector = Selector.open();
        }

        /** Serves {@code ch} (already non-blocking) from this loop; {@code closed} is counted down when it closes. */
        void handOver(SocketChannel ch, java.util.concurrent.CountDownLatch closed) {
            Client c = new Client(ch);
            c.closed = closed;
            handed.add(c);
            selector.wakeup();
        }

        Loop(int port, InetSocketAddress backend) throws IOException {
            this.backend = backend;
            this.selector = Selector.open();
            ServerSocketChannel server = ServerSocketChannel.open();
            server.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT, server);
        }

        void run() {
            try {
                while (true) {
                    selector.select();
                    for (Client h; (h = handed.poll()) != null; ) {
                        try {
                            h.key = h.ch.register(selector, SelectionKey.OP_READ, h);
                        } catch (IOException e) {
                            closeClient(h);
                        }
                    }
                    Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                    while (it.hasNext()) {
                        SelectionKey k = it.next();
                        it.remove();
                        Object att = k.attachment();
                        try {
                            if (!k.isValid()) {
                                continue;
                            }
                            if (att instanceof ServerSocketChannel s) {
                                accept(s);
                            } else if (att instanceof Client c) {
                                if (k.isWritable()) {
                                    clientWritable(c);
                                }
                                if (k.isValid() && k.isReadable()) {
                                    clientReadable(c);
                                }
                            } else if (att instanceof Upstream u) {
                                if (k.isWritable()) {
                                    upstreamWritable(u);
                                }
                                if (k.isValid() && k.isReadable()) {
                                    upstreamReadable(u);
                                }
                            }
                        } catch (IOException | RuntimeException e) {
                            if (att instanceof Client c) {
                                closeClient(c);
                            } else if (att instanceof Upstream u) {
                                closeUpstream(u);
                            }
                        }
                    }
                }
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        }

        void accept(ServerSocketChannel s) throws IOException {
            SocketChannel ch;
            while ((ch = s.accept()) != null) {
                ch.configureBlocking(false);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                Client c = new Client(ch);
                c.key = ch.register(selector, SelectionKey.OP_READ, c);
            }
        }

        void clientReadable(Client c) throws IOException {
            if (c.up != null && !c.in.hasRemaining()) {
                c.key.interestOps(0); // one request at a time: a pipelining client waits
                return;
            }
            int n = c.ch.read(c.in);
            if (n < 0) {
                closeClient(c);
                return;
            }
            if (c.up == null) {
                tryRequest(c);
            }
        }

        /** Forwards the buffered request if it is complete. */
        void tryRequest(Client c) throws IOException {
            ByteBuffer in = c.in;
            int end = in.position();
            int head = headEnd(in, 0, end);
            if (head < 0) {
                if (end == in.capacity()) {
                    closeClient(c);
                }
                return;
            }
            long cl = contentLength(in, 0, head);
            if (cl < 0) {
                cl = 0;
            }
            if (head + cl > in.capacity()) {
                closeClient(c);
                return;
            }
            if (end < head + cl) {
                return;
            }
            // request line: METHOD SP target SP version; strip the /app prefix from the target
            int sp = indexOf(in, 0, head, (byte) ' ');
            int tStart = sp + 1;
            ByteBuffer req = c.req.clear();
            copy(in, 0, tStart, req);
            int from = tStart;
            if (startsWith(in, tStart, head, PREFIX)) {
                from = tStart + PREFIX.length;
                if (in.get(from) != '/') {
                    req.put((byte) '/');
                }
            }
            copy(in, from, (int) (head + cl), req);
            req.flip();
            // keep pipelined bytes
            int used = (int) (head + cl);
            in.limit(end).position(used);
            in.compact();
            Upstream u = acquire();
            u.client = c;
            u.left = -1;
            c.up = u;
            u.ch.write(req);
            if (req.hasRemaining()) {
                u.key.interestOps(SelectionKey.OP_WRITE);
            } else {
                u.key.interestOps(SelectionKey.OP_READ);
            }
        }

        void upstreamWritable(Upstream u) throws IOException {
            ByteBuffer req = u.client.req;
            u.ch.write(req);
            if (!req.hasRemaining()) {
                u.key.interestOps(SelectionKey.OP_READ);
            }
        }

        void upstreamReadable(Upstream u) throws IOException {
            Client c = u.client;
            if (c == null) {
                closeUpstream(u); // an idle connection closed by the backend
                return;
            }
            int n = u.ch.read(u.in);
            if (n < 0) {
                closeUpstream(u);
                closeClient(c);
                return;
            }
            ByteBuffer in = u.in;
            if (u.left < 0) {
                int end = in.position();
                int head = headEnd(in, 0, end);
                if (head < 0) {
                    if (end == in.capacity()) {
                        closeUpstream(u);
                        closeClient(c);
                    }
                    return;
                }
                long cl = contentLength(in, 0, head);
                if (cl < 0) {
                    closeUpstream(u);
                    closeClient(c);
                    return;
                }
                u.left = head + cl;
            }
            in.flip();
            if (in.remaining() > u.left) {
                in.limit((int) (in.position() + u.left));
            }
            relay(u, c);
        }

        /** Writes what the upstream buffer holds to the client; ends the exchange when all is sent. */
        void relay(Upstream u, Client c) throws IOException {
            ByteBuffer in = u.in;
            int before = in.remaining();
            c.ch.write(in);
            u.left -= before - in.remaining();
            if (in.hasRemaining()) {
                // the client is slow: wait until it can take more, read nothing meanwhile
                u.key.interestOps(0);
                c.key.interestOps(SelectionKey.OP_WRITE);
                return;
            }
            in.clear();
            if (u.left > 0) {
                u.key.interestOps(SelectionKey.OP_READ);
                return;
            }
            c.up = null;
            u.client = null;
            u.left = -1;
            u.key.interestOps(SelectionKey.OP_READ); // notices a close by the backend while idle
            idle.push(u);
            c.key.interestOps(SelectionKey.OP_READ);
            if (c.in.position() > 0) {
                tryRequest(c);
            }
        }

        void clientWritable(Client c) throws IOException {
            Upstream u = c.up;
            if (u == null) {
                c.key.interestOps(SelectionKey.OP_READ);
                return;
            }
            c.key.interestOps(SelectionKey.OP_READ);
            relay(u, c);
        }

        Upstream acquire() throws IOException {
            Upstream u = idle.poll();
            if (u != null) {
                return u;
            }
            SocketChannel ch = SocketChannel.open(backend); // blocking connect on loopback, then non-blocking
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.configureBlocking(false);
            u = new Upstream(ch);
            u.key = ch.register(selector, 0, u);
            return u;
        }

        void closeClient(Client c) {
            if (c.up != null) {
                closeUpstream(c.up);
                c.up = null;
            }
            try {
                c.ch.close();
            } catch (IOException e) {
                // gone
            }
            if (c.closed != null) {
                c.closed.countDown();
            }
        }

        void closeUpstream(Upstream u) {
            idle.remove(u);
            try {
                u.ch.close();
            } catch (IOException e) {
                // gone
            }
        }
    }

    /** Index after the CRLFCRLF that ends a head in [from, to), or -1. */
    static int headEnd(ByteBuffer b, int from, int to) {
        for (int i = from + 3; i < to; i++) {
            if (b.get(i) == '\n' && b.get(i - 1) == '\r' && b.get(i - 2) == '\n' && b.get(i - 3) == '\r') {
                return i + 1;
            }
        }
        return -1;
    }

    /** The Content-Length of the head in [from, to), or -1 without one. */
    static long contentLength(ByteBuffer b, int from, int to) {
        byte[] name = "content-length:".getBytes(StandardCharsets.US_ASCII);
        for (int line = indexOf(b, from, to, (byte) '\n') + 1; line > 0 && line < to; ) {
            boolean match = line + name.length < to;
            for (int j = 0; match && j < name.length; j++) {
                int ch = b.get(line + j);
                match = (ch >= 'A' && ch <= 'Z' ? ch + 32 : ch) == name[j];
            }
            if (match) {
                long v = 0;
                for (int i = line + name.length; i < to; i++) {
                    byte ch = b.get(i);
                    if (ch >= '0' && ch <= '9') {
                        v = v * 10 + (ch - '0');
                    } else if (ch != ' ' && ch != '\t') {
                        break;
                    }
                }
                return v;
            }
            line = indexOf(b, line, to, (byte) '\n') + 1;
        }
        return -1;
    }

    static int indexOf(ByteBuffer b, int from, int to, byte v) {
        for (int i = from; i < to; i++) {
            if (b.get(i) == v) {
                return i;
            }
        }
        return -1;
    }

    static boolean startsWith(ByteBuffer b, int at, int to, byte[] p) {
        if (at + p.length > to) {
            return false;
        }
        for (int j = 0; j < p.length; j++) {
            if (b.get(at + j) != p[j]) {
                return false;
            }
        }
        return true;
    }

    static void copy(ByteBuffer from, int start, int end, ByteBuffer to) {
        to.put(to.position(), from, start, end - start);
        to.position(to.position() + end - start);
    }
}
