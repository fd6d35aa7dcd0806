package io.mycelium.cli;

import picocli.CommandLine.Option;

/** The shared {@code -o table|json} option; commands with a result add it as a {@code @Mixin}. */
public final class OutputOptions {
    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). "
                    + "json is stable for scripts; table is for people.")
    OutputFormat format = OutputFormat.table;

    public OutputFormat format() {
        return format;
    }
}
