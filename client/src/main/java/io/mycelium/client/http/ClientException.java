package io.mycelium.client.http;

/**
 * A call to an agent's API that did not give the answer asked for, with one line saying why. The
 * message names the agent and the reason, never a flag of a front end: each front end (the CLI, a
 * console) adds its own hint for {@link #kind()}.
 */
public final class ClientException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, so that a front end can say what to do next. */
    public enum Kind {
        /** The base URL is not an http(s) URL. */
        BAD_URL,
        /** Nothing answered at the base URL (refused, timed out, unknown host). */
        UNREACHABLE,
        /** The agent answered with its own error document ({@link #status()}, {@link #hint()}). */
        REFUSED,
        /** Something answered, but not what an agent of this version sends. */
        NOT_AN_AGENT
    }

    private final Kind kind;
    private final String base;
    private final int status;
    private final String hint;

    ClientException(Kind kind, String base, int status, String message, String hint) {
        super(message);
        this.kind = kind;
        this.base = base;
        this.status = status;
        this.hint = hint == null ? "" : hint;
    }

    public Kind kind() {
        return kind;
    }

    /** The agent's base URL. */
    public String base() {
        return base;
    }

    /** The HTTP status of a {@link Kind#REFUSED} or {@link Kind#NOT_AN_AGENT} answer, else 0. */
    public int status() {
        return status;
    }

    /** The agent's own hint of what to do next, empty when it gave none. */
    public String hint() {
        return hint;
    }
}
