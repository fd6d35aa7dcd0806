package io.mycelium.fabric.discovery;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** The static seed members a node joins through, as the user writes them: {@code host:port}, {@code [v6]:port}. */
public final class Seeds {

    private Seeds() {
    }

    /**
     * Parses {@code host:port} seeds; a bad one is an {@link IllegalArgumentException} that names it.
     */
    public static List<InetSocketAddress> parse(List<String> join) {
        List<InetSocketAddress> out = new ArrayList<>();
        for (String j : join) {
            int colon = j.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("join seed '" + j + "' must be host:port");
            }
            String port = j.substring(colon + 1);
            try {
                out.add(new InetSocketAddress(j.substring(0, colon).replace("[", "").replace("]", ""), Integer.parseInt(port)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("join seed '" + j + "': port '" + port + "' is not a number");
            }
        }
        return out;
    }
}
