package io.mycelium.agent.api;

import java.util.Objects;

/**
 * A request the API refuses: the HTTP status, one line naming the thing and the reason, and a
 * hint saying what to do next. Mapped once to {@code {"error": ..., "hint": ...}}.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String hint;

    public ApiException(int status, String error, String hint) {
        super(Objects.requireNonNull(error, "error"), null, false, false);
        this.status = status;
        this.hint = hint == null ? "" : hint;
    }

    public int status() {
        return status;
    }

    public String error() {
        return getMessage();
    }

    public String hint() {
        return hint;
    }

    static ApiException badRequest(String error, String hint) {
        return new ApiException(400, error, hint);
    }

    static ApiException notFound(String error, String hint) {
        return new ApiException(404, error, hint);
    }
}
