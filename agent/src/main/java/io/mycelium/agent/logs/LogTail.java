package io.mycelium.agent.logs;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The last lines of a log file, read backwards from the end so a large file costs little. */
public final class LogTail {
    private static final int CHUNK = 8192;

    private LogTail() {
    }

    /**
     * Like {@link #tail(Path, int)}, but when the file holds fewer lines (it was just rotated) the
     * rest comes from the newest rotated copy {@code file.1}.
     */
    public static List<String> tailAcrossRotation(Path file, int lines) throws IOException {
        List<String> current = tail(file, lines);
        if (current.size() >= lines) {
            return current;
        }
        List<String> out = new ArrayList<>(tail(LogRotator.numbered(file, 1), lines - current.size()));
        out.addAll(current);
        return out;
    }

    /** At most {@code lines} last complete-or-final lines of {@code file}, oldest first; empty if it does not exist. */
    public static List<String> tail(Path file, int lines) throws IOException {
        if (lines < 0) {
            throw new IllegalArgumentException("line count " + lines + " must be >= 0");
        }
        if (lines == 0 || !Files.exists(file)) {
            return List.of();
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long end = raf.length();
            long pos = end;
            int newlines = 0;
            // Skip one trailing newline: it ends the last line rather than starting an empty one.
            if (end > 0) {
                raf.seek(end - 1);
                if (raf.read() == '\n') {
                    end--;
                    pos = end;
                }
            }
            long start = 0;
            byte[] buf = new byte[CHUNK];
            search:
            while (pos > 0) {
                int n = (int) Math.min(CHUNK, pos);
                pos -= n;
                raf.seek(pos);
                raf.readFully(buf, 0, n);
                for (int i = n - 1; i >= 0; i--) {
                    if (buf[i] == '\n' && ++newlines == lines) {
                        start = pos + i + 1;
                        break search;
                    }
                }
            }
            byte[] bytes = new byte[(int) (end - start)];
            raf.seek(start);
            raf.readFully(bytes);
            if (bytes.length == 0) {
                return List.of();
            }
            List<String> out = new ArrayList<>();
            Collections.addAll(out, new String(bytes, StandardCharsets.UTF_8).split("\n", -1));
            return out;
        }
    }
}
