package io.mycelium.fabric.model;

import java.util.regex.Pattern;

/** Shared validation for payload records. */
final class Checks {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    private Checks() {
    }

    static String name(String what, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " '" + value + "' must be 1-63 letters, digits, '.', '_' or '-'");
        }
        return value;
    }

    static long nonNegative(String what, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must not be negative, got " + value);
        }
        return value;
    }
}
