package io.mycelium.cli;

/**
 * A failure the user can act on: its message is printed as one line on stderr (never a stack
 * trace) and {@link #exitCode()} becomes the process exit code. The message names the thing (a
 * file, a digest, a key) and the reason, and where useful what to do next.
 */
public final class MeshException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    private MeshException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** Rejected or failed: exit code 1. */
    public static MeshException rejected(String message) {
        return new MeshException(ExitCode.REJECTED, message, null);
    }

    /** Rejected or failed because of {@code cause}: exit code 1; the cause shows only with --verbose. */
    public static MeshException rejected(String message, Throwable cause) {
        return new MeshException(ExitCode.REJECTED, message, cause);
    }

    /** Something named does not exist: exit code 1. */
    public static MeshException notFound(String message) {
        return new MeshException(ExitCode.REJECTED, message, null);
    }

    /** A usage mistake found after parsing (two options that exclude each other...): exit code 2. */
    public static MeshException usage(String message) {
        return new MeshException(ExitCode.USAGE, message, null);
    }

    public int exitCode() {
        return exitCode;
    }
}
