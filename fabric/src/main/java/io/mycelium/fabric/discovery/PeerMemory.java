package io.mycelium.fabric.discovery;

import com.fasterxml.jackson.core.type.TypeReference;
import io.mycelium.fabric.model.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The peers this member saw last, in {@code peers.json} of the data dir, used as extra seeds at the
 * next start. Keeps the 32 most recent. Thread-safe.
 */
public final class PeerMemory {
    private static final Logger LOG = Logger.getLogger(PeerMemory.class.getName());
    private static final int MAX = 32;
    private final Path file;
    private final LinkedHashSet<String> peers = new LinkedHashSet<>();

    public PeerMemory(Path dataDir) {
        this.file = dataDir.resolve("peers.json");
        if (Files.exists(file)) {
            try {
                peers.addAll(Json.MAPPER.readValue(Files.readString(file), new TypeReference<List<String>>() { }));
            } catch (IOException e) {
                LOG.warning(file + ": unreadable list of known peers, starting without it (" + e.getMessage() + ")");
            }
        }
    }

    public synchronized List<InetSocketAddress> seeds() {
        List<InetSocketAddress> out = new ArrayList<>();
        for (String p : peers) {
            int i = p.lastIndexOf(':');
            try {
                out.add(InetSocketAddress.createUnresolved(p.substring(0, i), Integer.parseInt(p.substring(i + 1))));
            } catch (RuntimeException e) {
                LOG.fine("ignoring saved peer " + p);
            }
        }
        return out;
    }

    public synchronized void remember(String host, int port) {
        String a = host + ":" + port;
        peers.remove(a);
        peers.add(a);
        while (peers.size() > MAX) {
            peers.remove(peers.iterator().next());
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling("peers.json.tmp");
            Files.writeString(tmp, Json.write(new ArrayList<>(peers)));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warning("cannot save known peers to " + file + ": " + e.getMessage());
        }
    }

    public synchronized Set<String> all() {
        return Set.copyOf(peers);
    }
}
