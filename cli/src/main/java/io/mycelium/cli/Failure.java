package io.mycelium.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

import io.mycelium.cli.api.ClientFailures;
import io.mycelium.client.http.ClientException;
import io.mycelium.spore.key.KeyFormatException;
import io.mycelium.spore.manifest.ManifestException;
import io.mycelium.spore.verify.RejectReason;
import io.mycelium.spore.verify.SporeRejectedException;

/**
 * Turns an exception that escaped a command into one line for the user and an exit code.
 *
 * @param exitCode the process exit code
 * @param message  one line naming the thing and the reason
 * @param bug      true when the exception is not a known user-facing failure
 */
record Failure(int exitCode, String message, boolean bug) {
    static Failure of(Throwable ex) {
        if (ex instanceof MeshException m) {
            return new Failure(m.exitCode(), m.getMessage(), false);
        }
        if (ex instanceof ClientException c) {
            return new Failure(ClientFailures.exitCode(c), ClientFailures.message(c), false);
        }
        if (ex instanceof UncheckedIOException u && u.getCause() != null) {
            return of(u.getCause());
        }
        if (ex instanceof SporeRejectedException r) {
            return new Failure(ExitCode.REJECTED, r.reason() == RejectReason.IO_ERROR ? r.getMessage()
                    : "rejected " + r.getMessage() + " [" + r.reason() + "]", false);
        }
        if (ex instanceof KeyFormatException || ex instanceof ManifestException) {
            return new Failure(ExitCode.REJECTED, ex.getMessage(), false);
        }
        if (ex instanceof IOException io) {
            return new Failure(ExitCode.REJECTED, describe(io), false);
        }
        String msg = ex.getMessage() == null ? "" : ": " + ex.getMessage();
        return new Failure(ExitCode.REJECTED, "internal error: " + ex.getClass().getSimpleName() + msg, true);
    }

    static String describe(IOException io) {
        if (io instanceof FileSystemException fs && fs.getFile() != null) {
            String reason = switch (fs) {
                case NoSuchFileException ignored -> "no such file or directory";
                case AccessDeniedException ignored -> "permission denied";
                case FileAlreadyExistsException ignored -> "already exists";
                case NotDirectoryException ignored -> "not a directory";
                case DirectoryNotEmptyException ignored -> "directory not empty";
                default -> fs.getReason() == null ? "cannot access" : fs.getReason();
            };
            return fs.getFile() + ": " + reason;
        }
        return io.getMessage() == null ? "I/O error (" + io.getClass().getSimpleName() + ")" : io.getMessage();
    }
}
