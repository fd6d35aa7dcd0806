package io.mycelium.cli.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;

/** Renders the usage help of a command tree as one Markdown page. */
public final class CliReference {
    /** The terminal default, fixed so that the page does not depend on the terminal. */
    static final int WIDTH = 80;

    private CliReference() {
    }

    public static String markdown(CommandLine root) {
        StringBuilder md = new StringBuilder();
        md.append("# `mesh` command reference\n\n");
        md.append("Generated from the CLI's own `--help` by `./mesh docs --out docs/CLI.md`; do not edit by hand.\n");
        md.append("Exit codes: 0 ok, 1 rejected or not found, 2 usage error. Every command takes `--help`.\n\n");
        List<CommandLine> all = new ArrayList<>();
        collect(root, all);
        for (CommandLine cl : all) {
            md.append("- [`").append(cl.getCommandSpec().qualifiedName()).append("`](#")
                    .append(anchor(cl.getCommandSpec().qualifiedName())).append(")\n");
        }
        for (CommandLine cl : all) {
            md.append("\n## ").append(cl.getCommandSpec().qualifiedName()).append("\n\n```\n");
            md.append(usage(cl).stripTrailing()).append("\n```\n");
        }
        return md.toString();
    }

    private static void collect(CommandLine cl, List<CommandLine> into) {
        if (cl.getCommandSpec().usageMessage().hidden() || cl.getCommandName().equals("help") || into.contains(cl)) {
            return;
        }
        into.add(cl);
        for (CommandLine sub : cl.getSubcommands().values()) {
            collect(sub, into);
        }
    }

    private static String usage(CommandLine cl) {
        int saved = cl.getCommandSpec().usageMessage().width();
        cl.getCommandSpec().usageMessage().width(WIDTH);
        try {
            StringBuilder sb = new StringBuilder();
            cl.getUsageMessage(Ansi.OFF).lines().forEach(line -> sb.append(line.stripTrailing()).append('\n'));
            return sb.toString();
        } finally {
            cl.getCommandSpec().usageMessage().width(saved);
        }
    }

    static String anchor(String heading) {
        return heading.toLowerCase(Locale.ROOT).replace(' ', '-');
    }
}
