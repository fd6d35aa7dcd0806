package io.mycelium.fabric.model;

/** The nutrient budget of an app: credits, and the CPU (millicores) and memory (MiB) it may hold in total. */
public record Budget(String app, long credits, long cpuMilli, long memoryMb) {
    public Budget {
        Checks.name("app", app);
        Checks.nonNegative("credits", credits);
        Checks.nonNegative("cpu_milli", cpuMilli);
        Checks.nonNegative("memory_mb", memoryMb);
    }
}
