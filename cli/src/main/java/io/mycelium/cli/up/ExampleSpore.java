package io.mycelium.cli.up;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One example spore: a manifest and its payload files, as paths relative to the examples
 * directory (the executable first).
 *
 * @param manifest the DNA manifest template
 * @param files    the payload, executable first
 */
record ExampleSpore(String manifest, List<String> files) {
    ExampleSpore {
        Objects.requireNonNull(manifest, "manifest");
        files = List.copyOf(files);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("example " + manifest + " has no files");
        }
    }

    /**
     * What mesh up packs: the two JVM workloads, billing's v2 for the update demo, two billing
     * versions that fail on purpose (500 to 30% of requests; never healthy) to watch a rollout
     * abort by itself, and the script.
     */
    static final List<ExampleSpore> ALL = List.of(
            new ExampleSpore("dna/billing.json", List.of("target/billing.jar")),
            new ExampleSpore("dna/billing-v2.json", List.of("target/billing.jar")),
            new ExampleSpore("dna/billing-v2-errors.json", List.of("target/billing.jar")),
            new ExampleSpore("dna/billing-v2-unhealthy.json", List.of("target/billing.jar")),
            new ExampleSpore("dna/frontend.json", List.of("target/frontend.jar")),
            new ExampleSpore("dna/greeter.json", List.of("script/greeter.py")));

    Path manifestIn(Path examples) {
        return examples.resolve(manifest);
    }

    List<Path> filesIn(Path examples) {
        return files.stream().map(examples::resolve).toList();
    }
}
