package io.mycelium.agent.hyphae;

/**
 * A listener address written {@code HOST:PORT} ({@code [::1]:7080} for IPv6).
 *
 * @param host an address or host name
 * @param port 0-65535 (0: any free port)
 */
public record HostPort(String host, int port) {
    public HostPort {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host is empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not 0-65535");
        }
    }

    /** Parses {@code text}; a bad value fails naming {@code what} and the form it takes. */
    public static HostPort parse(String what, String text) {
        String t = text == null ? "" : text.trim();
        int colon = t.lastIndexOf(':');
        if (colon <= 0 || colon == t.length() - 1) {
            throw new IllegalArgumentException(what + " '" + text + "' must be HOST:PORT, for example 127.0.0.1:7080");
        }
        String host = t.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return new HostPort(host, Integer.parseInt(t.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " '" + text + "': " + (e instanceof NumberFormatException
                    ? "the port is not a number" : e.getMessage()) + "; use HOST:PORT, for example 127.0.0.1:7080");
        }
    }

    /** {@code http://host:port}, with brackets around an IPv6 address. */
    public String url() {
        return "http://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
