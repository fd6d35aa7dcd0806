package io.mycelium.fabric.model;

import java.util.regex.Pattern;

/**
 * The one rule for the names of clusters, nodes, apps and other things members name each other by:
 * 1-63 letters, digits, '.', '_' or '-', starting with a letter or digit (safe in file names, URLs,
 * cgroup names and mDNS labels).
 */
public final class Names {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    private Names() {
    }

    /** Whether {@code value} follows the rule (null does not). */
    public static boolean valid(String value) {
        return value != null && NAME.matcher(value).matches();
    }

    /** {@code value} if it follows the rule; otherwise an {@link IllegalArgumentException} naming {@code what}. */
    public static String require(String what, String value) {
        if (!valid(value)) {
            throw new IllegalArgumentException(what + " '" + value + "' must be 1-63 letters, digits, '.', '_' or '-'");
        }
        return value;
    }
}
