package io.mycelium.console.command;

import java.util.List;
import java.util.Objects;

/** A command line that parsed: the command and its arguments (as many as were given). */
public record ParsedCommand(CommandSpec spec, List<String> args) {
    public ParsedCommand {
        Objects.requireNonNull(spec, "spec");
        args = List.copyOf(args);
    }

    public String arg(int i) {
        return i < args.size() ? args.get(i) : "";
    }
}
