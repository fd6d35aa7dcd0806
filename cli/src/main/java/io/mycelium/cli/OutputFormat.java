package io.mycelium.cli;

/** How a command prints its result: aligned text for people, JSON for scripts. */
public enum OutputFormat {
    table,
    json
}
