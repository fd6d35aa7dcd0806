package io.mycelium.edge.proxy;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids and W3C trace context. An incoming {@code X-Request-Id} is kept when it is 1..128
 * visible ASCII characters of a safe set; otherwise a new 32-hex id is made. A valid incoming
 * {@code traceparent} keeps its trace id and flags and gets the edge's own span id as parent;
 * without one (or with an invalid one) the edge starts a new trace. Stateless.
 */
public final class RequestContext {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RequestContext() {
    }

    /** The request id to use: {@code incoming} if acceptable, else a new one. */
    public static String requestId(String incoming) {
        if (incoming != null && isSafeId(incoming)) {
            return incoming;
        }
        return randomHex(32);
    }

    static boolean isSafeId(String id) {
        int n = id.length();
        if (n == 0 || n > 128) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == ':' || c == '/' || c == '+' || c == '=';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * The {@code traceparent} to send upstream.
     *
     * @param incoming the client's traceparent, or null
     * @return {@code 00-<trace id>-<new span id>-<flags>}
     */
    public static String traceparent(String incoming) {
        if (isValidTraceparent(incoming)) {
            return "00-" + incoming.substring(3, 35) + "-" + randomHex(16) + "-" + incoming.substring(53, 55);
        }
        // built in place: one random source and one array for the trace id and the span id
        char[] out = new char[55];
        out[0] = '0';
        out[1] = '0';
        out[2] = '-';
        out[35] = '-';
        out[52] = '-';
        out[53] = '0';
        out[54] = '0';
        ThreadLocalRandom r = ThreadLocalRandom.current();
        fillHex(r, out, 3, 35);
        fillHex(r, out, 36, 52);
        return new String(out);
    }

    /** Whether {@code tp} is a version-00 traceparent with non-zero ids. */
    public static boolean isValidTraceparent(String tp) {
        if (tp == null || tp.length() != 55 || !tp.startsWith("00-") || tp.charAt(35) != '-' || tp.charAt(52) != '-') {
            return false;
        }
        return isLowerHex(tp, 3, 35) && isLowerHex(tp, 36, 52) && isLowerHex(tp, 53, 55)
                && !allZero(tp, 3, 35) && !allZero(tp, 36, 52);
    }

    private static boolean isLowerHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean allZero(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }

    static String randomHex(int chars) {
        char[] out = new char[chars];
        fillHex(ThreadLocalRandom.current(), out, 0, chars);
        return new String(out);
    }

    /** Fills {@code out[from, to)} with random lowercase hex digits, never all zeros. */
    private static void fillHex(ThreadLocalRandom r, char[] out, int from, int to) {
        long bits = 0;
        boolean zero = true;
        for (int i = from; i < to; i++) {
            if (((i - from) & 15) == 0) {
                bits = r.nextLong();
            }
            char c = HEX[(int) (bits & 15)];
            out[i] = c;
            zero &= c == '0';
            bits >>>= 4;
        }
        if (zero) {
            out[to - 1] = '1';
        }
    }
}
