package io.mycelium.cli.up;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Random;

/**
 * A copy of the checkout's examples/ for tests: the real manifests and script, and stand-in jars
 * (random bytes: packing does not run them, and the unit-test phase comes before the real jars
 * are built).
 */
final class ExamplesDir {
    private ExamplesDir() {
    }

    /** The checkout's examples/ (surefire runs in cli/). */
    static Path real() {
        Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent().resolve("examples");
        if (!Files.isDirectory(p.resolve("dna"))) {
            throw new IllegalStateException("cannot find the checkout's examples/ from " + System.getProperty("user.dir"));
        }
        return p;
    }

    static Path copy(Path to) throws IOException {
        Path real = real();
        Files.createDirectories(to.resolve("dna"));
        Files.createDirectories(to.resolve("script"));
        Files.createDirectories(to.resolve("target"));
        try (var manifests = Files.list(real.resolve("dna"))) {
            for (Path m : manifests.toList()) {
                Files.copy(m, to.resolve("dna").resolve(m.getFileName()));
            }
        }
        Files.copy(real.resolve("script/greeter.py"), to.resolve("script/greeter.py"), StandardCopyOption.COPY_ATTRIBUTES);
        Random random = new Random(42);
        for (String jar : new String[] {"billing.jar", "frontend.jar"}) {
            byte[] bytes = new byte[4096];
            random.nextBytes(bytes);
            Files.write(to.resolve("target").resolve(jar), bytes);
        }
        return to;
    }
}
