package io.mycelium.edge.client;

/**
 * A request the edge refuses before routing it: the status to answer with (400, 414, 417, 431,
 * 501 or 505) and a one-line reason. After it, the connection is closed, because where the next
 * request would start is not known.
 */
public final class BadRequestException extends Exception {

    private final int status;

    public BadRequestException(int status, String reason) {
        super(reason, null, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status " + status + " is not an error status");
        }
        this.status = status;
    }

    /** The status to answer with. */
    public int status() {
        return status;
    }
}
