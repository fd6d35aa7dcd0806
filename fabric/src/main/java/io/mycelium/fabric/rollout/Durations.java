package io.mycelium.fabric.rollout;

/** Durations in the words of reasons: {@code 1m30s}, {@code 12s}, {@code 250ms}. */
final class Durations {
    private Durations() {
    }

    static String text(long ms) {
        if (ms < 1000) {
            return Math.max(0, ms) + "ms";
        }
        long s = (ms + 999) / 1000;
        if (s < 60) {
            return s + "s";
        }
        long m = s / 60;
        long rest = s % 60;
        return m + "m" + (rest == 0 ? "" : rest + "s");
    }
}
