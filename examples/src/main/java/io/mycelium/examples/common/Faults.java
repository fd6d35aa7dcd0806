package io.mycelium.examples.common;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Faults a workload shows on purpose, chosen by its manifest's env, so that a user can watch a
 * rollout abort by itself: {@code FAIL_PERCENT} (0-100) answers 500 to that share of requests
 * (other than {@code /health}), spread evenly (with 30, 3 of every 10); {@code HEALTH=never} makes
 * {@code /health} answer 503 for ever, so the instance never becomes Ready; {@code DELAY_MS} makes
 * every request (other than {@code /health}) take that long, one at a time per instance, so that its
 * latency grows with the load (n requests at once: the last waits n x DELAY_MS) and more instances
 * bring it back down, which is what the autoscaler is for. None set: no fault.
 */
public final class Faults {
    private final int failPercent;
    private final boolean neverHealthy;
    private final AtomicLong requests = new AtomicLong();
    private final long delayMs;
    private final java.util.concurrent.locks.ReentrantLock serial = new java.util.concurrent.locks.ReentrantLock(true);

    Faults(int failPercent, boolean neverHealthy) {
        this(failPercent, neverHealthy, 0);
    }

    Faults(int failPercent, boolean neverHealthy, long delayMs) {
        if (delayMs < 0 || delayMs > 60_000) {
            throw new IllegalArgumentException("DELAY_MS " + delayMs + " is not a delay in milliseconds (0-60000)");
        }
        this.delayMs = delayMs;
        if (failPercent < 0 || failPercent > 100) {
            throw new IllegalArgumentException("FAIL_PERCENT " + failPercent + " is not a share in percent (0-100)");
        }
        this.failPercent = failPercent;
        this.neverHealthy = neverHealthy;
    }

    /** No faults. */
    public static Faults none() {
        return new Faults(0, false);
    }

    /** Reads {@code FAIL_PERCENT}, {@code HEALTH} and {@code DELAY_MS}; a bad value fails with a message naming the variable. */
    public static Faults fromEnv(Map<String, String> env) {
        int p = (int) number(env, "FAIL_PERCENT", "a share in percent (0-100)");
        String health = env.getOrDefault("HEALTH", "").trim();
        if (!health.isEmpty() && !health.equals("never")) {
            throw new IllegalArgumentException("HEALTH '" + health + "' is not 'never' (leave it unset for a healthy workload)");
        }
        return new Faults(p, health.equals("never"), number(env, "DELAY_MS", "a delay in milliseconds (0-60000)"));
    }

    /** The whole number in {@code name} (0 when unset or blank). */
    private static long number(Map<String, String> env, String name, String what) {
        String text = env.getOrDefault(name, "0").trim();
        try {
            return text.isEmpty() ? 0 : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " '" + text + "' is not " + what);
        }
    }

    /** Waits for this request's turn and then {@code DELAY_MS} (nothing without one). */
    void delay() throws InterruptedException {
        if (delayMs == 0) {
            return;
        }
        serial.lockInterruptibly();
        try {
            Thread.sleep(delayMs);
        } finally {
            serial.unlock();
        }
    }

    public long delayMs() {
        return delayMs;
    }

    /** Whether this request (not a health check) is one of the share that answers 500. */
    boolean failsNext() {
        if (failPercent == 0) {
            return false;
        }
        long n = requests.incrementAndGet();
        return n * failPercent / 100 != (n - 1) * failPercent / 100;
    }

    boolean neverHealthy() {
        return neverHealthy;
    }

    public int failPercent() {
        return failPercent;
    }
}
