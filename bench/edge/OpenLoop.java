import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop HTTP/1.1 load generator (the wrk2 model): requests are scheduled at a fixed rate
 * over N keep-alive connections, request i at t0 + i/rate on connection i mod N, and each
 * latency is measured from the request's scheduled time, not from when it was actually sent. A
 * slow response therefore delays the next requests on its connection and they are charged with
 * the wait (no coordinated omission).
 *
 * java OpenLoop.java HOST PORT PATH RATE CONNECTIONS SECONDS
 * prints one line: rate_target rate_achieved p50_us p90_us p99_us p999_us max_us errors
 */
public final class OpenLoop {

    // latency histogram: 1 us buckets up to 50 ms, then 1 ms buckets up to 60 s
    private static final int FINE = 50_000;
    private static final int COARSE = 60_000;

    public static void main(String[] a) throws Exception {
        String host = a[0];
        int port = Integer.parseInt(a[1]);
        String path = a[2];
        double rate = Double.parseDouble(a[3]);
        int connections = Integer.parseInt(a[4]);
        double seconds = Double.parseDouble(a[5]);
        long interval = (long) (1e9 / rate);
        long total = (long) (rate * seconds);
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        long[][] hist = new long[connections][FINE + COARSE + 1];
        AtomicLong errors = new AtomicLong();
        AtomicLong done = new AtomicLong();
        long t0 = System.nanoTime() + 200_000_000L;
        CountDownLatch finished = new CountDownLatch(connections);
        for (int k = 0; k < connections; k++) {
            int conn = k;
            Thread t = new Thread(() -> {
                try (Socket s = new Socket()) {
                    s.setTcpNoDelay(true);
                    s.connect(new InetSocketAddress(host, port));
                    s.setSoTimeout(30_000);
                    OutputStream out = s.getOutputStream();
                    InputStream in = new java.io.BufferedInputStream(s.getInputStream(), 16 * 1024);
                    byte[] buf = new byte[16 * 1024];
                    for (long i = conn; i < total; i += connections) {
                        long intended = t0 + i * interval;
                        long wait;
                        while ((wait = intended - System.nanoTime()) > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        out.write(request);
                        out.flush();
                        if (!readResponse(in, buf)) {
                            errors.incrementAndGet();
                        }
                        long micros = (System.nanoTime() - intended) / 1000;
                        hist[conn][bucket(micros)]++;
                        done.incrementAndGet();
                    }
                } catch (IOException e) {
                    errors.incrementAndGet();
                } finally {
                    finished.countDown();
                }
            }, "openloop-" + k);
            t.setDaemon(true);
            t.start();
        }
        finished.await();
        double elapsed = (System.nanoTime() - t0) / 1e9;
        long[] merged = new long[FINE + COARSE + 1];
        for (long[] h : hist) {
            for (int i = 0; i < h.length; i++) {
                merged[i] += h[i];
            }
        }
        System.out.printf("%.0f %.0f %d %d %d %d %d %d%n", rate, done.get() / elapsed,
                quantile(merged, 0.5), quantile(merged, 0.9), quantile(merged, 0.99), quantile(merged, 0.999),
                quantile(merged, 1.0), errors.get());
    }

    private static int bucket(long micros) {
        if (micros < FINE) {
            return (int) Math.max(0, micros);
        }
        long ms = micros / 1000;
        return (int) Math.min(FINE + COARSE, FINE + ms - FINE / 1000);
    }

    private static long value(int bucket) {
        return bucket < FINE ? bucket : (bucket - FINE + FINE / 1000) * 1000L;
    }

    private static long quantile(long[] h, double q) {
        long n = 0;
        for (long c : h) {
            n += c;
        }
        long rank = (long) Math.ceil(q * n);
        long seen = 0;
        for (int i = 0; i < h.length; i++) {
            seen += h[i];
            if (seen >= rank && h[i] > 0) {
                return value(i);
            }
        }
        return -1;
    }

    /** Reads one response with Content-Length or chunked framing; false if the status is not 2xx. */
    private static boolean readResponse(InputStream in, byte[] buf) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            head.append((char) c);
            int n = head.length();
            if (n >= 4 && head.charAt(n - 1) == '\n' && head.charAt(n - 2) == '\r' && head.charAt(n - 3) == '\n') {
                break;
            }
        }
        if (c < 0) {
            throw new IOException("connection closed");
        }
        String h = head.toString().toLowerCase();
        boolean ok = h.startsWith("http/1.1 2");
        int cl = h.indexOf("content-length:");
        if (cl >= 0) {
            long len = Long.parseLong(h.substring(cl + 15, h.indexOf('\r', cl)).strip());
            while (len > 0) {
                int r = in.read(buf, 0, (int) Math.min(buf.length, len));
                if (r < 0) {
                    throw new IOException("short body");
                }
                len -= r;
            }
        } else if (h.contains("transfer-encoding: chunked")) {
            while (true) {
                String size = line(in);
                long len = Long.parseLong(size.split(";")[0].strip(), 16);
                if (len == 0) {
                    line(in);
                    break;
                }
                while (len > 0) {
                    int r = in.read(buf, 0, (int) Math.min(buf.length, len));
                    if (r < 0) {
                        throw new IOException("short chunk");
                    }
                    len -= r;
                }
                line(in);
            }
        }
        return ok;
    }

    private static String line(InputStream in) throws IOException {
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
