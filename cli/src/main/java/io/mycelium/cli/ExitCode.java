package io.mycelium.cli;

/** The process exit codes of {@code mesh}; scripts rely on them. */
public final class ExitCode {
    /** Done as asked. */
    public static final int OK = 0;
    /** Rejected (a spore that does not verify), not found, or failed for a reason named on stderr. */
    public static final int REJECTED = 1;
    /** The command line itself is wrong: unknown option, missing argument, bad value. */
    public static final int USAGE = 2;

    private ExitCode() {
    }
}
