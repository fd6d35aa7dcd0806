package io.mycelium.edge;

/** Decimal numbers written as ASCII straight into a byte buffer (no string per number), for the heads the edge builds. */
public final class Decimal {

    private Decimal() {
    }

    /**
     * Writes {@code v} in decimal at {@code at}; the caller makes sure 20 bytes fit.
     *
     * @return the index after the last digit
     */
    public static int write(long v, byte[] buf, int at) {
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                byte[] min = Long.toString(v).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                System.arraycopy(min, 0, buf, at, min.length);
                return at + min.length;
            }
            buf[at++] = '-';
            v = -v;
        }
        if (v <= Integer.MAX_VALUE) {
            // int arithmetic: the usual case (lengths, statuses) and much cheaper than long division
            int x = (int) v;
            int end = at + digits(x);
            for (int i = end - 1; i > at; i--) {
                int q = x / 10;
                buf[i] = (byte) ('0' + (x - q * 10));
                x = q;
            }
            buf[at] = (byte) ('0' + x);
            return end;
        }
        int digits = 1;
        for (long t = v / 10; t > 0; t /= 10) {
            digits++;
        }
        int end = at + digits;
        for (int i = end - 1; i >= at; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        return end;
    }

    private static int digits(int x) {
        int d = 1;
        for (int limit = 10; d < 10 && x >= limit; limit *= 10) {
            d++;
        }
        return d;
    }
}
