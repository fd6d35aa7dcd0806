package io.mycelium.edge.route;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the app a request is for and the path to forward to it.
 *
 * <p>With a host domain configured, {@code Host: billing.<domain>} selects app {@code billing}
 * and the whole path is forwarded. Otherwise (or when the host does not match) the first path
 * segment names the app: {@code /billing/hello} selects {@code billing} and forwards {@code
 * /hello} (or {@code /billing/hello} when prefix stripping is off). {@code /billing@preview/hello}
 * is the same request for the app's preview revision (during a blue/green rollout), forwarded as
 * {@code /hello} (or {@code /billing/hello}).
 *
 * <p>App names are DNS labels: lowercase letters, digits and inner hyphens, at most 63
 * characters. Anything else in the app position (an encoded slash, a dot segment, a backslash)
 * is refused, and so is a dot segment ({@code .} or {@code ..}, plain or percent-encoded)
 * anywhere in the path, so that no request can climb out of the app's prefix on the backend.
 * Stateless and thread-safe.
 */
public final class RouteParser {

    private final Optional<String> hostSuffix;
    private final boolean stripPrefix;

    /**
     * @param hostDomain  domain for host-based routing ({@code apps.example}), or empty
     * @param stripPrefix whether {@code /{app}} is removed before forwarding
     */
    public RouteParser(Optional<String> hostDomain, boolean stripPrefix) {
        Objects.requireNonNull(hostDomain, "hostDomain");
        this.hostSuffix = hostDomain.map(d -> "." + d.toLowerCase(Locale.ROOT));
        this.stripPrefix = stripPrefix;
    }

    /** The outcome of parsing: either a route or a refusal with the status to answer. */
    public sealed interface Result permits Route, Refusal {
    }

    /**
     * A request for an app.
     *
     * @param app         the app name
     * @param forwardPath the raw (still percent-encoded) path to send to the backend
     * @param byHost      whether the Host header named the app
     * @param preview     whether the path asked for the preview revision ({@code /{app}@preview/...})
     */
    public record Route(String app, String forwardPath, boolean byHost, boolean preview) implements Result {
    }

    /** The suffix of the app segment that asks for the preview revision. */
    public static final String PREVIEW_SUFFIX = "@preview";

    /**
     * A request that names no valid app.
     *
     * @param status 400 for a malformed or tricky path, 404 when no app is named
     * @param reason one short line for the client
     */
    public record Refusal(int status, String reason) implements Result {
    }

    /**
     * Parses one request.
     *
     * @param host    the Host header, or null
     * @param rawPath the request path as received (percent-encoded, without the query)
     */
    public Result parse(String host, String rawPath) {
        if (rawPath == null || rawPath.isEmpty() || rawPath.charAt(0) != '/') {
            return new Refusal(400, "path must start with '/'");
        }
        if (hasDotSegmentOrBackslash(rawPath)) {
            return new Refusal(400, "path contains a dot segment or a backslash");
        }
        if (hostSuffix.isPresent() && host != null) {
            String hostName = stripPort(host).toLowerCase(Locale.ROOT);
            String suffix = hostSuffix.get();
            if (hostName.endsWith(suffix) && hostName.length() > suffix.length()) {
                String app = hostName.substring(0, hostName.length() - suffix.length());
                if (!isAppName(app)) {
                    return new Refusal(400, "host names no valid app");
                }
                return new Route(app, rawPath, true, false);
            }
        }
        int end = rawPath.indexOf('/', 1);
        String app = end < 0 ? rawPath.substring(1) : rawPath.substring(1, end);
        boolean preview = app.endsWith(PREVIEW_SUFFIX);
        if (preview) {
            app = app.substring(0, app.length() - PREVIEW_SUFFIX.length());
        }
        if (app.isEmpty()) {
            return new Refusal(404, "no app named in the path; use /{app}/...");
        }
        if (!isAppName(app)) {
            return new Refusal(400, "path names no valid app (lowercase letters, digits, '-')");
        }
        String rest = end < 0 ? "" : rawPath.substring(end);
        if (!stripPrefix) {
            return new Route(app, "/" + app + rest, false, preview);
        }
        return new Route(app, rest.isEmpty() ? "/" : rest, false, preview);
    }

    /** Whether {@code name} is a valid app name (a lowercase DNS label). */
    public static boolean isAppName(String name) {
        int n = name.length();
        if (n == 0 || n > 63) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && i > 0 && i < n - 1);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String stripPort(String host) {
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close < 0 ? host : host.substring(0, close + 1);
        }
        int colon = host.lastIndexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    private static boolean hasDotSegmentOrBackslash(String rawPath) {
        if (!hasDotPercentOrBackslash(rawPath)) {
            // the common case: a dot segment needs '.' or "%2e", an encoded slash '%'
            return false;
        }
        if (rawPath.indexOf('\\') >= 0 || containsIgnoreCase(rawPath, "%5c")) {
            return true;
        }
        int start = 1;
        int n = rawPath.length();
        while (start <= n) {
            int end = rawPath.indexOf('/', start);
            if (end < 0) {
                end = n;
            }
            if (isDotSegment(rawPath, start, end) || hasEncodedSlashDots(rawPath, start, end)) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }

    private static boolean hasDotPercentOrBackslash(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.' || c == '%' || c == '\\') {
                return true;
            }
        }
        return false;
    }

    private static boolean isDotSegment(String path, int start, int end) {
        String decoded = path.substring(start, end).replace("%2e", ".").replace("%2E", ".");
        return decoded.equals(".") || decoded.equals("..");
    }

    /** A segment like {@code ..%2f..} becomes dot segments after a backend decodes it. */
    private static boolean hasEncodedSlashDots(String path, int start, int end) {
        String segment = path.substring(start, end).replace("%2e", ".").replace("%2E", ".");
        if (!containsIgnoreCase(segment, "%2f")) {
            return false;
        }
        for (String part : segment.replace("%2F", "/").replace("%2f", "/").split("/", -1)) {
            if (part.equals(".") || part.equals("..")) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsIgnoreCase(String s, String lowerNeedle) {
        return s.toLowerCase(Locale.ROOT).contains(lowerNeedle);
    }
}
