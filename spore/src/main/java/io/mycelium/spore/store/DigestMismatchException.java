package io.mycelium.spore.store;

import java.io.IOException;

import io.mycelium.spore.digest.Digest;

/** Bytes that do not hash to the digest they were stored or fetched under. */
public final class DigestMismatchException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Digest expected;
    private final transient Digest actual;

    public DigestMismatchException(String what, Digest expected, Digest actual) {
        super(what + ": bytes hash to " + actual + ", expected " + expected);
        this.expected = expected;
        this.actual = actual;
    }

    public Digest expected() {
        return expected;
    }

    public Digest actual() {
        return actual;
    }
}
