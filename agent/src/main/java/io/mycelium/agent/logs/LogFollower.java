package io.mycelium.agent.logs;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Follows a log file: each {@link #poll()} returns the complete lines appended since the last
 * call. When the file shrinks (copy-truncate rotation) it starts again from the beginning. Not
 * thread-safe: one follower per reader.
 */
public final class LogFollower {
    private static final int MAX_PENDING = 1 << 20;

    private final Path file;
    private long position;
    private final java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();

    /** Starts at the current end of the file (new lines only). */
    public static LogFollower fromEnd(Path file) throws IOException {
        return new LogFollower(file, Files.exists(file) ? Files.size(file) : 0);
    }

    /** Starts at the beginning of the file. */
    public static LogFollower fromStart(Path file) {
        return new LogFollower(file, 0);
    }

    private LogFollower(Path file, long position) {
        this.file = Objects.requireNonNull(file, "file");
        this.position = position;
    }

    /** The complete lines written since the last poll (a partial last line waits for its newline). */
    public List<String> poll() throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            if (length < position) {
                position = 0; // truncated by rotation
                pending.reset();
            }
            raf.seek(position);
            byte[] buf = new byte[8192];
            int n;
            while (position < length && (n = raf.read(buf, 0, (int) Math.min(buf.length, length - position))) > 0) {
                position += n;
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        lines.add(pending.toString(StandardCharsets.UTF_8));
                        pending.reset();
                    } else if (pending.size() < MAX_PENDING) {
                        pending.write(buf[i]);
                    }
                }
            }
        }
        return lines;
    }
}
