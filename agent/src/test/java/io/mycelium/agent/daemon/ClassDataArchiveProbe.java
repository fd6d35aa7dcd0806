package io.mycelium.agent.daemon;

import java.util.function.Supplier;

/** The program {@link ClassDataArchiveTest} runs in child JVMs: one class and one lambda of ours. */
final class ClassDataArchiveProbe {
    private ClassDataArchiveProbe() {
    }

    public static void main(String[] args) {
        Supplier<String> lambda = () -> "probe ran";
        System.out.println(lambda.get());
    }
}
