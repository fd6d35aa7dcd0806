package io.mycelium.console.command;

import java.util.ArrayList;
import java.util.List;

/**
 * Completes the last word of a command line: command names first, then each argument from the
 * vocabulary of its kind. The line grows by the options' common prefix (a single option is
 * completed with a trailing space).
 */
public final class Completer {
    /** The line after completion and the options the last word could still become. */
    public record Completion(String line, List<String> options) {
        public Completion {
            options = List.copyOf(options);
        }
    }

    private Completer() {
    }

    public static Completion complete(String line, Vocabulary vocabulary, boolean readonly) {
        String body = line.startsWith(":") ? line.substring(1) : line;
        boolean fresh = body.isEmpty() || Character.isWhitespace(body.charAt(body.length() - 1));
        List<String> words = new ArrayList<>(CommandParser.words(body));
        String partial = fresh || words.isEmpty() ? "" : words.removeLast();
        List<String> candidates;
        if (words.isEmpty()) {
            candidates = Registry.commands(readonly).stream().map(CommandSpec::name).toList();
        } else {
            CommandSpec spec;
            try {
                spec = CommandParser.resolve(words.getFirst(), readonly);
            } catch (CommandParser.ParseException e) {
                return new Completion(line, List.of());
            }
            int index = words.size() - 1;
            candidates = index < spec.args().size() ? vocabulary.of(spec.args().get(index).kind()) : List.of();
        }
        List<String> options = candidates.stream().filter(c -> c.startsWith(partial)).toList();
        if (options.isEmpty()) {
            return new Completion(line, List.of());
        }
        String common = commonPrefix(options);
        String head = line.substring(0, line.length() - partial.length());
        String completed = head + common + (options.size() == 1 ? " " : "");
        return new Completion(completed, options);
    }

    static String commonPrefix(List<String> options) {
        String p = options.getFirst();
        for (String o : options) {
            int i = 0;
            while (i < p.length() && i < o.length() && p.charAt(i) == o.charAt(i)) {
                i++;
            }
            p = p.substring(0, i);
        }
        return p;
    }
}
