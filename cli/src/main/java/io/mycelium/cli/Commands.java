package io.mycelium.cli;

import io.mycelium.cli.docs.DocsCommand;
import io.mycelium.cli.keys.KeygenCommand;
import picocli.CommandLine;
import picocli.CommandLine.HelpCommand;

/**
 * The one place where every {@code mesh} command is registered, in the order {@code mesh --help}
 * lists them. To add a command group: make a package {@code io.mycelium.cli.<group>} with a
 * {@link CommandGroup} and its subcommands, and add one line here.
 */
public final class Commands {
    private Commands() {
    }

    /** The whole command tree, its commands built with {@code ctx}. */
    public static CommandLine build(CliContext ctx) {
        CommandLine mesh = new CommandLine(new MeshCommand());
        mesh.addSubcommand(new KeygenCommand(ctx));
        mesh.addSubcommand(new DocsCommand(ctx));
        mesh.addSubcommand(new HelpCommand());
        everywhere(mesh);
        return mesh;
    }

    /** A command group with its subcommands. */
    static CommandLine group(CommandGroup group, Object... subcommands) {
        CommandLine cl = new CommandLine(group);
        for (Object sub : subcommands) {
            cl.addSubcommand(sub);
        }
        return cl;
    }

    /** --help and --version on every command; enum values in any case. */
    private static void everywhere(CommandLine cl) {
        cl.getCommandSpec().mixinStandardHelpOptions(true);
        cl.getCommandSpec().versionProvider(new VersionProvider());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        for (CommandLine sub : cl.getSubcommands().values()) {
            everywhere(sub);
        }
    }
}
