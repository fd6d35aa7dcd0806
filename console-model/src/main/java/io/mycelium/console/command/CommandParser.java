package io.mycelium.console.command;

import io.mycelium.console.command.CommandSpec.Arg;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Parses a {@code :command} line. A unique prefix of a command's name is that command
 * ({@code :inst billing}); every refusal says what would be accepted.
 */
public final class CommandParser {
    /** A line that did not parse, and why. */
    public static final class ParseException extends Exception {
        private static final long serialVersionUID = 1L;

        public ParseException(String message) {
            super(message);
        }
    }

    private CommandParser() {
    }

    public static ParsedCommand parse(String line, boolean readonly) throws ParseException {
        List<String> words = words(line);
        if (words.isEmpty()) {
            throw new ParseException("empty command: type a command, e.g. :apps (:help lists them)");
        }
        CommandSpec spec = resolve(words.getFirst(), readonly);
        List<String> args = words.subList(1, words.size());
        if (spec.name().equals("filter")) {
            return new ParsedCommand(spec, args.isEmpty() ? List.of() : List.of(String.join(" ", args)));
        }
        if (args.size() < spec.required() || args.size() > spec.args().size()) {
            throw new ParseException(":" + spec.name() + " takes " + spec.usage().substring(spec.name().length() + 1).strip()
                    + (args.size() < spec.required() ? " (missing " + spec.args().get(args.size()).label() + ")" : " (too many words)")
                    + ": " + spec.usage());
        }
        for (int i = 0; i < args.size(); i++) {
            check(spec, spec.args().get(i), args.get(i));
        }
        return new ParsedCommand(spec, args);
    }

    /** The words of a line, without the leading {@code :}. */
    static List<String> words(String line) {
        String body = line.strip();
        if (body.startsWith(":")) {
            body = body.substring(1).strip();
        }
        return body.isEmpty() ? List.of() : Arrays.asList(body.split("\\s+"));
    }

    static CommandSpec resolve(String word, boolean readonly) throws ParseException {
        Optional<CommandSpec> exact = Registry.command(word, readonly);
        if (exact.isPresent()) {
            return exact.get();
        }
        List<CommandSpec> byPrefix = Registry.commands(readonly).stream().filter(c -> c.name().startsWith(word)).toList();
        if (byPrefix.size() == 1) {
            return byPrefix.getFirst();
        }
        if (byPrefix.size() > 1) {
            throw new ParseException("':" + word + "' is ambiguous: " + names(byPrefix));
        }
        if (readonly && Registry.command(word, false).isPresent()) {
            throw new ParseException(":" + word + " changes the cluster and this console is read-only (started with --readonly or without an operator key)");
        }
        throw new ParseException("unknown command ':" + word + "': one of " + names(Registry.commands(readonly)));
    }

    private static String names(List<CommandSpec> specs) {
        return specs.stream().map(c -> ":" + c.name()).collect(Collectors.joining(" "));
    }

    private static void check(CommandSpec spec, Arg arg, String value) throws ParseException {
        switch (arg.kind()) {
            case COUNT -> {
                try {
                    int n = Integer.parseInt(value);
                    if (n < 0 || n > 10_000) {
                        throw new ParseException(":" + spec.name() + ": " + arg.label() + " " + value + " is not 0-10000");
                    }
                } catch (NumberFormatException e) {
                    throw new ParseException(":" + spec.name() + ": " + arg.label() + " '" + value + "' is not a number, e.g. " + spec.usage().replace(arg.label(), "3"));
                }
            }
            case ROLLOUT_ACTION -> {
                if (RolloutAction.parse(value).isEmpty()) {
                    throw new ParseException(":" + spec.name() + ": '" + value + "' is not one of "
                            + Arrays.stream(RolloutAction.values()).map(RolloutAction::word).collect(Collectors.joining(", ")));
                }
            }
            case DIGEST -> {
                if (!value.matches("sha256:[0-9a-f]{64}")) {
                    throw new ParseException(":" + spec.name() + ": " + arg.label() + " '" + value + "' is not a digest (sha256:<64 hex>)");
                }
            }
            default -> {
            }
        }
    }
}
