package io.mycelium.fabric.state;

import com.fasterxml.jackson.core.type.TypeReference;
import io.mycelium.fabric.model.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * The on-disk copy of a node's state: {@code state.json} in the data dir, written atomically
 * (temp file, then rename), plus {@code self.json} with this node's last incarnation.
 */
public final class StateFile {
    private final Path dir;

    public StateFile(Path dir) {
        this.dir = dir;
    }

    public void save(List<FabricRecord> records) {
        write("state.json", Json.write(records));
    }

    public List<FabricRecord> load() {
        Path f = dir.resolve("state.json");
        if (!Files.exists(f)) {
            return List.of();
        }
        try {
            return Json.MAPPER.readValue(Files.readString(f), new TypeReference<List<FabricRecord>>() { });
        } catch (IOException e) {
            throw new IllegalStateException(f + ": cannot read the saved fabric state (" + e.getMessage()
                    + "); move it away to start with an empty state", e);
        }
    }

    /** The incarnation this node used last, or 0. */
    public long lastIncarnation() {
        Path f = dir.resolve("self.json");
        if (!Files.exists(f)) {
            return 0;
        }
        try {
            Map<?, ?> m = Json.MAPPER.readValue(Files.readString(f), Map.class);
            return ((Number) m.get("incarnation")).longValue();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(f + ": unreadable (" + e.getMessage() + "); delete it to start a new incarnation", e);
        }
    }

    public void saveIncarnation(long incarnation) {
        write("self.json", Json.write(Map.of("incarnation", incarnation)));
    }

    private void write(String name, String text) {
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(name + ".tmp");
            Files.writeString(tmp, text);
            try {
                Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(name), e);
        }
    }
}
