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
            UnknownCommand unknown = unknownCommand(mesh, args);
            if (unknown != null) {
                return reportUnknown(unknown, err);
            }
            return mesh.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** A subcommand name that {@code parent} (mesh or a group such as mesh spore) does not have. */
    private record UnknownCommand(CommandLine parent, String name) {
    }

    /**
     * The first subcommand named in {@code args} that does not exist, or null. Checked before
     * picocli parses, because picocli lets {@code --help} win over an unmatched argument:
     * {@code mesh frobnicate --help} would print mesh's help and exit 0. Options before the name
     * ({@code mesh --verbose frobnicate}) are skipped; a command without subcommands takes
     * whatever follows.
     */
    private static UnknownCommand unknownCommand(CommandLine mesh, String[] args) {
        CommandLine cl = mesh;
        for (String arg : args) {
            if (cl.getSubcommands().isEmpty() || arg.equals("--")) {
                return null;
            }
            if (arg.startsWith("-")) {
                continue;
            }
            CommandLine sub = cl.getSubcommands().get(arg);
            if (sub == null) {
                return new UnknownCommand(cl, arg);
            }
            cl = sub;
        }
        return null;
    }

    /** "mesh: unknown command 'X'" and the command list, on stderr; the usage exit code. */
    private static int reportUnknown(UnknownCommand unknown, PrintWriter err) {
        String name = unknown.parent().getCommandSpec().qualifiedName();
        List<String> close = unknown.parent().getSubcommands().keySet().stream()
                .filter(c -> editDistance(c, unknown.name()) <= Math.max(1, unknown.name().length() / 3)).toList();
        err.println(name + ": unknown command '" + unknown.name() + "'"
                + (close.isEmpty() ? "" : " (did you mean " + String.join(" or ", close) + "?)") + ". The commands of " + name + " are:");
        err.print(unknown.parent().getHelp().commandList());
        err.println("See '" + name + " COMMAND --help' for what one does.");
        err.flush();
        return ExitCode.USAGE;
    }

    /** Levenshtein distance: how many one-letter edits turn {@code a} into {@code b}. */
    static int editDistance(String a, String b) {
        int[] row = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            row[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int above = row[j];
                row[j] = Math.min(Math.min(row[j] + 1, row[j - 1] + 1), diagonal + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.length()];
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
