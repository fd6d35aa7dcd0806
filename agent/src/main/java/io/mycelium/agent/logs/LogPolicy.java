package io.mycelium.agent.logs;

/**
 * How large a log file may grow and how many rotated copies are kept.
 *
 * @param maxBytes rotate once the file is larger than this
 * @param keep     rotated copies kept ({@code stdout.log.1} newest ... {@code stdout.log.<keep>} oldest); 0 keeps none
 */
public record LogPolicy(long maxBytes, int keep) {
    public LogPolicy {
        if (maxBytes < 1024) {
            throw new IllegalArgumentException("log max size " + maxBytes + " bytes is below the 1024-byte minimum");
        }
        if (keep < 0 || keep > 100) {
            throw new IllegalArgumentException("log files kept " + keep + " is outside 0-100");
        }
    }

    /** 10 MiB, 5 copies. */
    public static LogPolicy defaults() {
        return new LogPolicy(10L * 1024 * 1024, 5);
    }
}
