package io.mycelium.edge.proxy;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids and W3C trace context. An incoming {@code X-Request-Id} is kept when it is 1..128
 * visible ASCII characters of a safe set; otherwise a new 32-hex id is made. A valid incoming
 * {@code traceparent} keeps its trace id and flags and gets the edge's own span id as parent;
 * without one (or with an invalid one) the edge starts a new trace. Stateless.
 */
public final class RequestContext {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);

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

    /** Length of a new request id: 32 lowercase hex digits. */
    static final int ID_LENGTH = 32;
    /** Length of a version-00 traceparent. */
    static final int TRACEPARENT_LENGTH = 55;

    /**
     * The {@code traceparent} to send upstream.
     *
     * @param incoming the client's traceparent, or null
     * @return {@code 00-<trace id>-<new span id>-<flags>}
     */
    public static String traceparent(String incoming) {
        byte[] out = new byte[TRACEPARENT_LENGTH];
        traceparent(incoming, out, 0);
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    /**
     * Writes the {@code traceparent} to send upstream ({@link #TRACEPARENT_LENGTH} ASCII bytes)
     * into {@code out} at {@code off}: the incoming trace id and flags with a new span id if
     * {@code incoming} is valid, else a new trace. No string is made.
     */
    static void traceparent(String incoming, byte[] out, int off) {
        out[off] = '0';
        out[off + 1] = '0';
        out[off + 2] = '-';
        out[off + 35] = '-';
        out[off + 52] = '-';
        ThreadLocalRandom r = ThreadLocalRandom.current();
        if (isValidTraceparent(incoming)) {
            for (int i = 3; i < 35; i++) {
                out[off + i] = (byte) incoming.charAt(i);
            }
            out[off + 53] = (byte) incoming.charAt(53);
            out[off + 54] = (byte) incoming.charAt(54);
        } else {
            out[off + 53] = '0';
            out[off + 54] = '0';
            fillHex(r, out, off + 3, off + 35);
        }
        fillHex(r, out, off + 36, off + 52);
    }

    /** Writes a new request id ({@link #ID_LENGTH} lowercase hex digits) into {@code out} at {@code off}. */
    static void newRequestId(byte[] out, int off) {
        fillHex(ThreadLocalRandom.current(), out, off, off + ID_LENGTH);
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
        byte[] out = new byte[chars];
        fillHex(ThreadLocalRandom.current(), out, 0, chars);
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    /** Two lowercase hex digits per byte value, high digit first. */
    private static final byte[] HEX_PAIRS = new byte[512];

    static {
        for (int i = 0; i < 256; i++) {
            HEX_PAIRS[2 * i] = HEX[i >>> 4];
            HEX_PAIRS[2 * i + 1] = HEX[i & 15];
        }
    }

    /** Fills {@code out[from, to)} ({@code to - from} even) with random lowercase hex digits, never all zeros. */
    private static void fillHex(ThreadLocalRandom r, byte[] out, int from, int to) {
        long bits = 0;
        long any = 0;
        for (int i = from; i < to; i += 2) {
            if (((i - from) & 15) == 0) {
                bits = r.nextLong();
                any |= bits;
            }
            int pair = 2 * (int) (bits & 0xff);
            out[i] = HEX_PAIRS[pair];
            out[i + 1] = HEX_PAIRS[pair + 1];
            bits >>>= 8;
        }
        if (any == 0) {
            out[to - 1] = '1';
        }
    }
}
