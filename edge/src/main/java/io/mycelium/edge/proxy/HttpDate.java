package io.mycelium.edge.proxy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The {@code Date} header line (IMF-fixdate), formatted at most once per second. Thread-safe. */
final class HttpDate {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private record Cached(long second, String line) {
    }

    private static volatile Cached cached = new Cached(-1, "");

    private HttpDate() {
    }

    /** {@code Date: <now>} and CRLF. */
    static String line() {
        long second = System.currentTimeMillis() / 1000;
        Cached c = cached;
        if (c.second() != second) {
            c = new Cached(second, "Date: " + FORMAT.format(Instant.ofEpochSecond(second)) + "\r\n");
            cached = c;
        }
        return c.line();
    }
}
