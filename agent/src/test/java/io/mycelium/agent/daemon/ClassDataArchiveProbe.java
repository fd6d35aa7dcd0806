package io.mycelium.agent.daemon;

import java.nio.file.Path;
import java.util.function.Supplier;

/** A child JVM for {@link ClassDataArchiveTest}: {@code write ARCHIVE} dumps one, {@code run} only runs. */
final class ClassDataArchiveProbe {
    private ClassDataArchiveProbe() {
    }

    public static void main(String[] args) throws Exception {
        Supplier<String> lambda = () -> "probe ran";
        System.out.println(lambda.get());
        if (args[0].equals("write")) {
            ClassDataArchive.write(Path.of(args[1]));
        }
    }
}
