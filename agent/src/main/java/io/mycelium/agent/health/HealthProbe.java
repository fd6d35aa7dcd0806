package io.mycelium.agent.health;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Runs one check against an instance. Blocking, bounded by the timeout; thread-safe (no state).
 * The http check is a plain HTTP/1.1 GET with {@code Connection: close}: only the status line is read.
 */
public final class HealthProbe {
    private static final int MAX_STATUS_LINE = 256;

    private HealthProbe() {
    }

    public static ProbeResult probe(HealthCheck check, InetAddress address, int port, Duration timeout) {
        return switch (check.kind()) {
            case NONE -> ProbeResult.ok("no check");
            case TCP -> tcp(address, port, timeout);
            case HTTP -> http(check, address, port, timeout);
        };
    }

    private static ProbeResult tcp(InetAddress address, int port, Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), millis(timeout));
            return ProbeResult.ok("tcp connect ok");
        } catch (IOException e) {
            return ProbeResult.failed(describe(e, timeout));
        }
    }

    private static ProbeResult http(HealthCheck check, InetAddress address, int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), millis(timeout));
            socket.setSoTimeout(Math.max(1, (int) ((deadline - System.nanoTime()) / 1_000_000)));
            String host = address.getHostAddress().contains(":") ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
            String request = "GET " + check.path() + " HTTP/1.1\r\nHost: " + host + ":" + port
                    + "\r\nUser-Agent: mycelium-agent\r\nConnection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String statusLine = readLine(socket.getInputStream());
            int status = parseStatus(statusLine);
            if (status < 0) {
                return ProbeResult.failed("not an HTTP response: '" + statusLine + "'");
            }
            return status == check.expectedStatus()
                    ? ProbeResult.ok("http " + status)
                    : ProbeResult.failed("http " + check.path() + " returned " + status + ", expected " + check.expectedStatus());
        } catch (IOException e) {
            return ProbeResult.failed(describe(e, timeout));
        }
    }

    /** The status code of an HTTP/1.x status line, or -1. */
    static int parseStatus(String line) {
        if (!line.startsWith("HTTP/1.") || line.length() < 12 || line.charAt(8) != ' ') {
            return -1;
        }
        String code = line.substring(9, 12);
        if (!code.chars().allMatch(Character::isDigit) || (line.length() > 12 && line.charAt(12) != ' ')) {
            return -1;
        }
        return Integer.parseInt(code);
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n' && line.length() < MAX_STATUS_LINE) {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private static String describe(IOException e, Duration timeout) {
        if (e instanceof SocketTimeoutException) {
            return "timed out after " + timeout.toMillis() + " ms";
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static int millis(Duration d) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis()));
    }
}
