package io.mycelium.cli;

import java.io.PrintWriter;
import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code mesh} entry point. Exit codes are those of {@link ExitCode}. A user mistake prints
 * one line on stderr, never a stack trace; {@code --verbose} or {@code MESH_DEBUG=1} adds it.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = run(CliContext.fromSystem(), out, err, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs one command line in this JVM (what {@link #main} and the tests call). */
    public static int run(CliContext ctx, PrintWriter out, PrintWriter err, String... args) {
        CommandLine mesh = Commands.forArgs(ctx, args);
        mesh.setOut(out);
        mesh.setErr(err);
        mesh.setParameterExceptionHandler(Main::usageError);
        mesh.setExecutionExceptionHandler((ex, cl, parsed) -> failure(ctx, err, ex, parsed));
        try {
            return mesh.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static int usageError(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        StringBuilder line = new StringBuilder(cl.getCommandSpec().qualifiedName()).append(": ").append(ex.getMessage());
        if (ex instanceof UnmatchedArgumentException unmatched) {
            List<String> suggestions = unmatched.getSuggestions();
            if (!suggestions.isEmpty()) {
                line.append(" (did you mean ").append(String.join(" or ", suggestions)).append("?)");
            }
        }
        line.append(" (see '").append(cl.getCommandSpec().qualifiedName()).append(" --help')");
        err.println(line);
        err.flush();
        return ExitCode.USAGE;
    }

    private static int failure(CliContext ctx, PrintWriter err, Exception ex, ParseResult parsed) {
        Failure f = Failure.of(ex);
        err.println("mesh: " + f.message());
        if (ctx.debug() || verbose(parsed)) {
            ex.printStackTrace(err);
        } else if (f.bug()) {
            err.println("mesh: this looks like a bug; run again with --verbose (or MESH_DEBUG=1) and report the stack trace");
        }
        err.flush();
        return f.exitCode();
    }

    private static boolean verbose(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
