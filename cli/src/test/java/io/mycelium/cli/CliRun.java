package io.mycelium.cli;

import io.mycelium.spore.time.Clock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One in-process run of {@code mesh}: exit code, stdout and stderr. Tests in every command
 * package use it.
 *
 * @param code exit code
 * @param out  what went to stdout
 * @param err  what went to stderr
 */
public record CliRun(int code, String out, String err) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Runs with an empty environment and {@code home} as the mesh home. */
    public static CliRun run(Path home, String... args) {
        return run(new CliContext(Map.of(), home, Clock.SYSTEM), args);
    }

    public static CliRun run(CliContext ctx, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(ctx, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Stdout parsed as JSON. */
    public JsonNode json() {
        try {
            return MAPPER.readTree(out);
        } catch (Exception e) {
            throw new AssertionError("stdout is not JSON: " + out, e);
        }
    }

    /** The lines of stderr. */
    public java.util.List<String> errLines() {
        return err.lines().toList();
    }

    @Override
    public String toString() {
        return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
