package io.mycelium.agent.logs;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Follows a log file: each {@link #poll()} returns the complete lines appended since the last
 * call. When the file shrinks (copy-truncate rotation) it first finishes what it was reading from
 * the rotated copy {@code file.1}, then starts again at the beginning of the file; only lines lost
 * by the rotation itself, or by two rotations between polls, are missed. Not thread-safe: one
 * follower per reader.
 */
public final class LogFollower {
    private static final int MAX_PENDING = 1 << 20;

    private final Path file;
    private long position;
    private Copy rotated;
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
        this.rotated = rotatedCopy();
    }

    /** What identifies one rotated copy: the rotator writes a new {@code file.1} each time. */
    private record Copy(Object fileKey, FileTime modified, long size) {
    }

    /** The current {@code file.1}, or null; a change means a rotation even if the file has regrown past our position. */
    private Copy rotatedCopy() {
        try {
            BasicFileAttributes a = Files.readAttributes(LogRotator.numbered(file, 1), BasicFileAttributes.class);
            return new Copy(a.fileKey(), a.lastModifiedTime(), a.size());
        } catch (IOException e) {
            return null;
        }
    }

    /** The complete lines written since the last poll (a partial last line waits for its newline). */
    public List<String> poll() throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            Copy copyNow = rotatedCopy();
            boolean newCopy = copyNow != null && !copyNow.equals(rotated);
            if (newCopy && length < copyNow.size()) {
                // Rotated since the last poll (a new file.1, and the file was truncated after the
                // copy): the rest of what we were reading is in the copy. While the file is still
                // as large as the copy, the truncate has not happened yet: keep reading the file.
                rotated = copyNow;
                readRotatedRest(lines);
                position = 0;
            } else if (!newCopy && length < position) {
                position = 0; // truncated without a copy
                pending.reset();
            }
            position = readFrom(raf, position, length, lines);
        }
        return lines;
    }

    private void readRotatedRest(List<String> lines) throws IOException {
        Path rotated = LogRotator.numbered(file, 1);
        if (!Files.exists(rotated)) {
            pending.reset();
            return;
        }
        try (RandomAccessFile raf = new RandomAccessFile(rotated.toFile(), "r")) {
            long length = raf.length();
            if (length >= position) {
                readFrom(raf, position, length, lines);
            } else {
                pending.reset(); // rotated more than once since the last poll; that part is gone
            }
        }
    }

    /** Reads [from, to) into complete lines; returns the new position. */
    private long readFrom(RandomAccessFile raf, long from, long to, List<String> lines) throws IOException {
        long pos = from;
        raf.seek(pos);
        byte[] buf = new byte[8192];
        int n;
        while (pos < to && (n = raf.read(buf, 0, (int) Math.min(buf.length, to - pos))) > 0) {
            pos += n;
            for (int i = 0; i < n; i++) {
                if (buf[i] == '\n') {
                    lines.add(pending.toString(StandardCharsets.UTF_8));
                    pending.reset();
                } else if (pending.size() < MAX_PENDING) {
                    pending.write(buf[i]);
                }
            }
        }
        return pos;
    }
}
