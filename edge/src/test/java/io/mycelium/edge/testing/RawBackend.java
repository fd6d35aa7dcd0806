package io.mycelium.edge.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw-socket backend on 127.0.0.1 that reads one request head per connection and then does
 * whatever its {@link Behaviour} says: answer well, send garbage, reset, close mid-response,
 * stall. Counts connections and requests.
 */
public final class RawBackend implements AutoCloseable {

    /** What to do with a connection after reading the request head. */
    @FunctionalInterface
    public interface Behaviour {
        void respond(Socket socket, String requestHead) throws IOException;
    }

    public static final Behaviour GARBAGE = (s, head) -> {
        s.getOutputStream().write("SSH-2.0-OpenSSH_9.2 garbage\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
        s.close();
    };

    public static final Behaviour RESET_BEFORE_ANY_BYTE = (s, head) -> {
        s.setSoLinger(true, 0);
        s.close();
    };

    public static final Behaviour CLOSE_MID_RESPONSE = (s, head) -> {
        OutputStream out = s.getOutputStream();
        out.write("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\nContent-Type: text/plain\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.write(new byte[1000]);
        out.flush();
        s.setSoLinger(true, 0);
        s.close();
    };

    public static final Behaviour CLOSE_MID_CHUNKED = (s, head) -> {
        OutputStream out = s.getOutputStream();
        out.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        s.close();
    };

    public static Behaviour ok(String body) {
        return (s, head) -> {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            OutputStream out = s.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + b.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(b);
            out.flush();
            s.close();
        };
    }

    /** Answers after {@code delay} (or never, if the connection is closed first). */
    public static Behaviour slow(Duration delay, String body) {
        Behaviour ok = ok(body);
        return (s, head) -> {
            EchoBackend.sleepQuietly(delay);
            ok.respond(s, head);
        };
    }

    private final ServerSocket server;
    private final Behaviour behaviour;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    public RawBackend(Behaviour behaviour) throws IOException {
        this.behaviour = behaviour;
        this.server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        this.acceptor = Thread.ofVirtual().name("raw-backend-accept").start(this::accept);
    }

    public int port() {
        return server.getLocalPort();
    }

    public int connections() {
        return connections.get();
    }

    public int requests() {
        return requests.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                connections.incrementAndGet();
                open.add(s);
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            String head = readHead(s.getInputStream());
            if (head == null) {
                return;
            }
            requests.incrementAndGet();
            behaviour.respond(s, head);
        } catch (IOException e) {
            // the peer went away; that is part of what these backends test
        } finally {
            open.remove(s);
        }
    }

    /** Reads a head up to and including its empty line; null at end of stream before one. */
    public static String readHead(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            b.append((char) c);
            if (b.length() >= 4 && b.substring(b.length() - 4).equals("\r\n\r\n")) {
                return b.toString();
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            s.close();
        }
        acceptor.interrupt();
    }
}
