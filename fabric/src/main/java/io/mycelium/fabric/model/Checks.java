package io.mycelium.fabric.model;


/** Shared validation for payload records. */
final class Checks {
    private Checks() {
    }

    static String name(String what, String value) {
        return Names.require(what, value);
    }

    static long nonNegative(String what, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must not be negative, got " + value);
        }
        return value;
    }
}
