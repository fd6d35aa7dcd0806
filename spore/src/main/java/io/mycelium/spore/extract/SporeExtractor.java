package io.mycelium.spore.extract;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.UUID;

import io.mycelium.spore.key.TrustStore;
import io.mycelium.spore.manifest.PayloadFile;
import io.mycelium.spore.verify.RejectReason;
import io.mycelium.spore.verify.SporeLimits;
import io.mycelium.spore.verify.SporeReader;
import io.mycelium.spore.verify.SporeRejectedException;
import io.mycelium.spore.verify.VerifiedSpore;

/**
 * Verifies and extracts a spore in one pass. Entries are written into a hidden temporary sibling of
 * the target as they stream past (only after the signature verified and each entry's header
 * matched the signed manifest); the sibling is renamed to the target only when the whole archive
 * checked out, and removed on any failure, so the target either holds exactly the signed content
 * or does not exist. Thread-safe; two extractions into the same target race on the final rename
 * and the loser fails cleanly.
 */
public final class SporeExtractor {
    private final SporeReader reader;

    public SporeExtractor(SporeLimits limits) {
        this.reader = new SporeReader(limits);
    }

    public SporeExtractor() {
        this(SporeLimits.DEFAULT);
    }

    /** Extracts with the default limits; see {@link #extractTo}. */
    public static VerifiedSpore extract(Path spore, TrustStore trust, Path targetDir) throws SporeRejectedException {
        return new SporeExtractor().extractTo(spore, trust, targetDir);
    }

    /**
     * Verifies {@code spore} against {@code trust} and extracts its files into {@code targetDir},
     * which must not exist yet (or be an empty directory). Files marked executable get mode 755,
     * the others 644.
     */
    public VerifiedSpore extractTo(Path spore, TrustStore trust, Path targetDir) throws SporeRejectedException {
        Objects.requireNonNull(spore, "spore");
        Objects.requireNonNull(trust, "trust");
        Path target = targetDir.toAbsolutePath().normalize();
        Path parent = target.getParent();
        if (parent == null) {
            throw new SporeRejectedException(spore, RejectReason.IO_ERROR, "cannot extract into the file system root");
        }
        if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !isEmptyDirectory(target)) {
            throw new SporeRejectedException(spore, RejectReason.IO_ERROR, "target " + target + " already exists and is not empty; choose a new directory");
        }
        Path temp = parent.resolve("." + target.getFileName() + ".extracting-" + UUID.randomUUID());
        boolean done = false;
        try {
            Files.createDirectories(parent);
            Files.createDirectory(temp);
            VerifiedSpore verified = reader.read(spore, trust, file -> open(temp, file));
            for (PayloadFile f : verified.files()) {
                setMode(temp.resolve(f.path()), f.executable());
            }
            if (Files.isDirectory(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(target);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            done = true;
            return verified;
        } catch (DirectoryNotEmptyException | FileAlreadyExistsException e) {
            throw new SporeRejectedException(spore, RejectReason.IO_ERROR, "target " + target + " appeared while extracting; choose a new directory", e);
        } catch (IOException e) {
            throw new SporeRejectedException(spore, RejectReason.IO_ERROR, "extracting into " + target + " failed (" + e.getMessage() + ")", e);
        } finally {
            if (!done) {
                deleteTree(temp);
            }
        }
    }

    private static OutputStream open(Path root, PayloadFile file) throws IOException {
        // The path passed PayloadPath's rule (no '..', not absolute) and root is a fresh directory
        // that holds only what this pass created, so the file lands inside root.
        Path out = root.resolve(file.path()).normalize();
        if (!out.startsWith(root)) {
            throw new IOException("entry " + file.path() + " resolves outside the target");
        }
        Files.createDirectories(out.getParent());
        return Files.newOutputStream(out, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    private static void setMode(Path file, boolean executable) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            file.toFile().setExecutable(executable);
        }
    }

    private static boolean isEmptyDirectory(Path dir) throws SporeRejectedException {
        if (!Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /** Removes a tree without following symbolic links. */
    static void deleteTree(Path root) {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // best effort: the temp name is hidden and unique; the next gc of the run dir removes it
        }
    }
}
