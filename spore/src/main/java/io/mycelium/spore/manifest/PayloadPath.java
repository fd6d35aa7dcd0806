package io.mycelium.spore.manifest;

import java.util.regex.Pattern;

/**
 * The rule for a payload path inside a spore: relative, '/'-separated segments of letters, digits,
 * '.', '_', '+' and '-', no '.' or '..' segment, not under the reserved {@code .spore/} directory,
 * at most 255 characters. The same rule guards manifest entries and archive entry names, so an
 * extracted file can never land outside its target directory.
 */
public final class PayloadPath {
    /** Entry names under this prefix belong to the format (the envelope), never to the payload. */
    public static final String RESERVED_PREFIX = ".spore/";
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._+-]{1,128}");

    private PayloadPath() {
    }

    /** Null if {@code path} is a safe payload path, otherwise why not. */
    public static String problem(String path) {
        if (path == null || path.isEmpty()) {
            return "is empty";
        }
        if (path.length() > 255) {
            return "is longer than 255 characters";
        }
        if (path.startsWith("/") || path.startsWith("\\") || (path.length() > 1 && path.charAt(1) == ':')) {
            return "is absolute";
        }
        if (path.startsWith(RESERVED_PREFIX) || path.equals(".spore")) {
            return "is under the reserved .spore/ directory";
        }
        for (String segment : path.split("/", -1)) {
            if (segment.equals("..")) {
                return "contains '..'";
            }
            if (segment.equals(".") || segment.isEmpty()) {
                return "contains an empty or '.' segment";
            }
            if (!SEGMENT.matcher(segment).matches()) {
                return "contains characters other than letters, digits, '.', '_', '+', '-' and '/'";
            }
        }
        return null;
    }

    /** Throws {@link IllegalArgumentException} naming {@code what} unless {@code path} is safe. */
    public static String check(String path, String what) {
        String problem = problem(path);
        if (problem != null) {
            throw new IllegalArgumentException(what + " '" + (path == null ? "" : Manifests.abbreviate(path)) + "' " + problem);
        }
        return path;
    }
}
