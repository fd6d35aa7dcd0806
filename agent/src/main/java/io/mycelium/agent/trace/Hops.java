package io.mycelium.agent.trace;

import java.io.PrintStream;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Marks hops of an instance's launch. Disabled unless {@value #PROPERTY} is {@code true}; when
 * enabled each mark is one line {@code hop <epoch-micros> <instance-id> <hop>} on standard error
 * (the agent's log). Thread-safe: a line is written whole by one {@link PrintStream#println}.
 */
public final class Hops {
    /** The system property that turns marking on. */
    public static final String PROPERTY = "mycelium.agent.hops";
    private static volatile Consumer<String> sink = Boolean.getBoolean(PROPERTY) ? System.err::println : null;

    private Hops() {
    }

    /** True if marks are written (the property is set, or a test installed a sink). */
    public static boolean enabled() {
        return sink != null;
    }

    /** Marks {@code hop} of {@code instanceId} now. */
    public static void mark(String instanceId, String hop) {
        Consumer<String> s = sink;
        if (s != null) {
            s.accept(line(Instant.now(), instanceId, hop));
        }
    }

    /** The line for one mark: {@code hop <epoch-micros> <instance-id> <hop>}. */
    static String line(Instant at, String instanceId, String hop) {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(hop, "hop");
        if (instanceId.isBlank() || instanceId.contains(" ") || hop.isBlank() || hop.contains(" ")) {
            throw new IllegalArgumentException("hop mark '" + instanceId + "' '" + hop + "': both must be one word");
        }
        long micros = at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
        return "hop " + micros + " " + instanceId + " " + hop;
    }

    /**
     * A parsed mark line, or null if {@code line} is not one.
     *
     * @param epochMicros when, in microseconds since the epoch
     */
    public record Mark(long epochMicros, String instanceId, String hop) {
        public static Mark parse(String line) {
            String[] f = line.strip().split(" ");
            if (f.length != 4 || !f[0].equals("hop")) {
                return null;
            }
            try {
                return new Mark(Long.parseLong(f[1]), f[2], f[3]);
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    /** For tests: sends marks to {@code to} (null turns marking off). Returns the previous sink. */
    static Consumer<String> sendTo(Consumer<String> to) {
        Consumer<String> old = sink;
        sink = to;
        return old;
    }
}
