package io.mycelium.spore.manifest;

/** Small helpers shared by the manifest records. */
final class Manifests {
    private Manifests() {
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }

    static void requireNonNegative(long value, String what) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must not be negative, got " + value);
        }
    }
}
