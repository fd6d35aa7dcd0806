package io.mycelium.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Daemons started from a command ({@code mesh agent}, {@code mesh fabric member}) print to
 * {@link PrintStream}s; picocli gives commands {@link PrintWriter}s (so tests can capture them).
 * This bridges the two.
 */
public final class WriterStreams {
    private WriterStreams() {
    }

    /** An auto-flushing UTF-8 {@link PrintStream} that writes into {@code writer}. */
    public static PrintStream printStream(PrintWriter writer) {
        Objects.requireNonNull(writer, "writer");
        OutputStream bridge = new OutputStream() {
            @Override
            public void write(int b) {
                writer.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                writer.write(new String(b, off, len, StandardCharsets.UTF_8));
            }

            @Override
            public void flush() {
                writer.flush();
            }
        };
        return new PrintStream(bridge, true, StandardCharsets.UTF_8);
    }
}
