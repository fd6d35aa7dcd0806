package io.mycelium.console.command;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One {@code :command}.
 *
 * @param action  whether it changes the cluster (signed; hidden when the console is read-only)
 */
public record CommandSpec(String name, List<Arg> args, String help, boolean action) {
    /** One argument; optional ones may be left out at the end. */
    public record Arg(String label, ArgKind kind, boolean optional) {
        public Arg {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(kind, "kind");
        }

        public static Arg required(String label, ArgKind kind) {
            return new Arg(label, kind, false);
        }

        public static Arg optional(String label, ArgKind kind) {
            return new Arg(label, kind, true);
        }
    }

    public CommandSpec {
        Objects.requireNonNull(name, "name");
        args = List.copyOf(args);
        Objects.requireNonNull(help, "help");
    }

    /** {@code :scale APP N} or {@code :instances [APP|NODE]}. */
    public String usage() {
        String a = args.stream().map(x -> x.optional() ? "[" + x.label() + "]" : x.label()).collect(Collectors.joining(" "));
        return ":" + name + (a.isEmpty() ? "" : " " + a);
    }

    public int required() {
        return (int) args.stream().filter(a -> !a.optional()).count();
    }
}
