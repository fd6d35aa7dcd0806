package io.mycelium.console.model;

import java.util.List;
import java.util.Locale;

/**
 * The lines of the logs view: of one instance, or of every instance of an app (each line then
 * starts with the instance id). {@code problem} says why some could not be fetched.
 */
public record LogPane(String subject, List<String> lines, String problem, long fetchedAtMs) {
    public static final int TAIL = 500;

    public LogPane {
        lines = List.copyOf(lines);
        problem = problem == null ? "" : problem;
    }

    public static LogPane empty(String subject) {
        return new LogPane(subject, List.of(), "", 0);
    }

    /** The lines containing {@code text} (any case); all of them when it is empty. */
    public List<String> search(String text) {
        if (text.isEmpty()) {
            return lines;
        }
        String needle = text.toLowerCase(Locale.ROOT);
        return lines.stream().filter(l -> l.toLowerCase(Locale.ROOT).contains(needle)).toList();
    }
}
