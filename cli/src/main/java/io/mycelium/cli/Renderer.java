package io.mycelium.cli;

import java.io.PrintWriter;
import java.util.Objects;
import java.util.function.Consumer;

import picocli.CommandLine.Model.CommandSpec;

/**
 * Prints a command's result in the format the user chose. Results go to stdout; progress goes
 * to stdout for people and to stderr under {@code -o json}, so that stdout stays one JSON
 * document.
 */
public final class Renderer {
    private final PrintWriter out;
    private final PrintWriter err;
    private final OutputFormat format;

    public Renderer(PrintWriter out, PrintWriter err, OutputFormat format) {
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        this.format = Objects.requireNonNull(format, "format");
    }

    /** The renderer for the command being run, with its {@code -o} choice. */
    public static Renderer of(CommandSpec spec, OutputOptions options) {
        return new Renderer(spec.commandLine().getOut(), spec.commandLine().getErr(), options.format());
    }

    public boolean json() {
        return format == OutputFormat.json;
    }

    /** JSON: {@code data}; table: whatever {@code human} prints. */
    public void render(Object data, Consumer<Renderer> human) {
        if (json()) {
            out.println(Json.write(data));
        } else {
            human.accept(this);
        }
        out.flush();
    }

    /** One of a stream of results: JSON, {@code data} on one line (JSON Lines); table: whatever {@code human} prints. */
    public void renderLine(Object data, Consumer<Renderer> human) {
        if (json()) {
            out.println(Json.writeLine(data));
        } else {
            human.accept(this);
        }
        out.flush();
    }

    /** Prints a table (people's format only; call from inside {@link #render}). */
    public void table(Table table) {
        table.print(out);
    }

    /** Prints one line of text (people's format only; call from inside {@link #render}). */
    public void line(String text) {
        out.println(text);
    }

    /** A progress line: stdout for people, stderr under -o json. */
    public void progress(String text) {
        PrintWriter w = json() ? err : out;
        w.println(text);
        w.flush();
    }
}
