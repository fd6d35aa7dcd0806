package io.mycelium.edge;

/** Text written as ISO-8859-1 straight into a byte buffer (no byte array per string), and compared in place, for the heads the edge builds and reads. */
public final class Latin1 {

    private Latin1() {
    }

    /**
     * Writes {@code s} at {@code at}, a character above U+00FF as {@code ?} (as ISO-8859-1 encoding
     * does); the caller makes sure {@code s.length()} bytes fit.
     *
     * @return the index after the last byte written
     */
    public static int write(String s, byte[] buf, int at) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            buf[at++] = c <= 0xff ? (byte) c : (byte) '?';
        }
        return at;
    }

    /** Whether {@code b[from, to)} equals {@code lower} (lower case) ignoring ASCII case. */
    public static boolean equalsIgnoreCase(byte[] b, int from, int to, String lower) {
        if (to - from != lower.length()) {
            return false;
        }
        for (int i = 0; i < lower.length(); i++) {
            int c = b[from + i];
            if (c >= 'A' && c <= 'Z') {
                c += 32;
            }
            if (c != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
