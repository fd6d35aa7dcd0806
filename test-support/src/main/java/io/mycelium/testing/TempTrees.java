package io.mycelium.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Removes the directories tests make. */
public final class TempTrees {
    private TempTrees() {
    }

    /**
     * Deletes {@code root} and everything under it; a file that vanishes meanwhile (a process the
     * test stopped was still finishing a write) is no error. Nothing happens if {@code root} is absent.
     */
    public static void delete(Path root) {
        if (!tryDelete(root)) {
            throw new IllegalStateException("could not remove " + root + ": something keeps writing in it");
        }
    }

    /** As {@link #delete}, three rounds at most; true if {@code root} is gone. */
    public static boolean tryDelete(Path root) {
        if (root == null) {
            return true;
        }
        for (int round = 0; round < 3 && Files.exists(root); round++) {
            List<Path> all;
            try (Stream<Path> s = Files.walk(root)) {
                all = s.sorted(Comparator.reverseOrder()).toList();
            } catch (IOException | UncheckedIOException e) {
                continue; // something vanished while walking: walk again
            }
            for (Path p : all) {
                try {
                    Files.deleteIfExists(p);
                } catch (NoSuchFileException e) {
                    // gone already
                } catch (IOException e) {
                    // a directory that got a new file: the next round takes it
                }
            }
        }
        return !Files.exists(root);
    }
}
