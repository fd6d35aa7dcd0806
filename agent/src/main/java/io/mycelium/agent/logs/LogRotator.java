package io.mycelium.agent.logs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Size-based copy-truncate rotation. The workload holds its log open in append mode, so after the
 * truncate its next write lands at the start of the now empty file. Lines written between the copy
 * and the truncate are lost; that window is the price of not restarting the workload. Call from one
 * thread per file.
 */
public final class LogRotator {
    private LogRotator() {
    }

    /** Rotates {@code file} if it is larger than the policy allows; returns true if it did. */
    public static boolean rotateIfNeeded(Path file, LogPolicy policy) throws IOException {
        if (!Files.exists(file) || Files.size(file) <= policy.maxBytes()) {
            return false;
        }
        rotate(file, policy.keep());
        return true;
    }

    /** Shifts {@code file.1..keep-1} up by one (dropping the oldest), copies the file to {@code .1} and truncates it. */
    public static void rotate(Path file, int keep) throws IOException {
        if (keep > 0) {
            Files.deleteIfExists(numbered(file, keep));
            for (int i = keep - 1; i >= 1; i--) {
                Path from = numbered(file, i);
                if (Files.exists(from)) {
                    Files.move(from, numbered(file, i + 1), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.copy(file, numbered(file, 1), StandardCopyOption.REPLACE_EXISTING);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(0);
        }
    }

    /** {@code stdout.log.3} for {@code stdout.log} and 3. */
    public static Path numbered(Path file, int n) {
        return file.resolveSibling(file.getFileName() + "." + n);
    }
}
