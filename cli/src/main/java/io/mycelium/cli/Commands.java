package io.mycelium.cli;

import io.mycelium.cli.agent.AgentCommand;
import io.mycelium.cli.apps.AppsCommand;
import io.mycelium.cli.apps.InstancesCommand;
import io.mycelium.cli.docs.DocsCommand;
import io.mycelium.cli.edge.EdgeCommand;
import io.mycelium.cli.fabric.FabricCommand;
import io.mycelium.cli.fabric.FabricKeygenCommand;
import io.mycelium.cli.fabric.FabricMemberCommand;
import io.mycelium.cli.fabric.FabricSimulateCommand;
import io.mycelium.cli.fabric.NodesCommand;
import io.mycelium.cli.fabric.StateCommand;
import io.mycelium.cli.keys.KeygenCommand;
import io.mycelium.cli.logs.LogsCommand;
import io.mycelium.cli.plan.PlanApplyCommand;
import io.mycelium.cli.plan.PlanCommand;
import io.mycelium.cli.rollout.RolloutGroup;
import io.mycelium.cli.rollout.RolloutHistoryCommand;
import io.mycelium.cli.rollout.RolloutStartCommand;
import io.mycelium.cli.rollout.RolloutStatusCommand;
import io.mycelium.cli.rollout.RolloutUndoCommand;
import io.mycelium.cli.rollout.RolloutVerbCommand;
import io.mycelium.cli.publish.PublishCommand;
import io.mycelium.cli.repo.RepoCommand;
import io.mycelium.cli.repo.RepoGcCommand;
import io.mycelium.cli.repo.RepoGetCommand;
import io.mycelium.cli.repo.RepoLsCommand;
import io.mycelium.cli.repo.RepoPutCommand;
import io.mycelium.cli.repo.RepoRmCommand;
import io.mycelium.cli.spore.SporeCommand;
import io.mycelium.cli.spore.SporeExtractCommand;
import io.mycelium.cli.spore.SporeInspectCommand;
import io.mycelium.cli.spore.SporePackCommand;
import io.mycelium.cli.spore.SporeVerifyCommand;
import io.mycelium.cli.up.UpCommand;
import picocli.CommandLine;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The one place where every {@code mesh} command is registered, in the order {@code mesh --help}
 * lists them. To add a command group: make a package {@code io.mycelium.cli.<group>} with a
 * {@link CommandGroup} and its subcommands, and add one line here.
 */
public final class Commands {
    private Commands() {
    }

    /**
     * The tree to run {@code args} with: the whole tree, except for a daemon ({@code mesh agent},
     * {@code mesh edge}), which gets {@code mesh} with only its own command. Building every command
     * costs about 0.3 s of CPU at start (picocli reads each one's annotations), which a daemon's
     * start-to-ready time should not carry; its help and errors read the same either way.
     */
    public static CommandLine forArgs(CliContext ctx, String... args) {
        if (args.length > 0 && (args[0].equals("agent") || args[0].equals("edge"))) {
            CommandLine mesh = root();
            mesh.addSubcommand(args[0].equals("agent") ? new AgentCommand() : new EdgeCommand());
            everywhere(mesh);
            return mesh;
        }
        return build(ctx);
    }

    /** The whole command tree, its commands built with {@code ctx}. */
    public static CommandLine build(CliContext ctx) {
        CommandLine mesh = root();
        mesh.addSubcommand(new UpCommand(ctx));
        mesh.addSubcommand(new KeygenCommand());
        mesh.addSubcommand(group(new SporeCommand(),
                new SporePackCommand(), new SporeVerifyCommand(), new SporeExtractCommand(), new SporeInspectCommand()));
        mesh.addSubcommand(group(new RepoCommand(),
                new RepoPutCommand(), new RepoLsCommand(), new RepoGetCommand(), new RepoRmCommand(), new RepoGcCommand()));
        mesh.addSubcommand(group(new FabricCommand(),
                new FabricSimulateCommand(), new FabricMemberCommand(), new FabricKeygenCommand()));
        mesh.addSubcommand(new AgentCommand());
        mesh.addSubcommand(new EdgeCommand());
        mesh.addSubcommand(new PublishCommand(ctx));
        mesh.addSubcommand(group(new PlanCommand(), new PlanApplyCommand(ctx)));
        mesh.addSubcommand(group(new RolloutGroup(), new RolloutStartCommand(ctx), new RolloutStatusCommand(ctx),
                new RolloutVerbCommand.Promote(ctx), new RolloutVerbCommand.Pause(ctx), new RolloutVerbCommand.Resume(ctx),
                new RolloutVerbCommand.Abort(ctx), new RolloutUndoCommand(ctx), new RolloutHistoryCommand(ctx)));
        mesh.addSubcommand(new AppsCommand(ctx));
        mesh.addSubcommand(new InstancesCommand(ctx));
        mesh.addSubcommand(new LogsCommand(ctx));
        mesh.addSubcommand(new NodesCommand(ctx));
        mesh.addSubcommand(new StateCommand(ctx));
        mesh.addSubcommand(new DocsCommand(ctx));
        mesh.addSubcommand(new HelpCommand());
        everywhere(mesh);
        return mesh;
    }

    private static CommandLine root() {
        CommandLine mesh = new CommandLine(new MeshCommand());
        mesh.getCommandSpec().mixinStandardHelpOptions(true);
        mesh.getCommandSpec().versionProvider(new VersionProvider());
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

    /** -h/--help on every command (--version only on mesh itself); enum values in any case. */
    private static void everywhere(CommandLine cl) {
        CommandSpec spec = cl.getCommandSpec();
        if (!spec.mixinStandardHelpOptions() && spec.findOption("--help") == null) {
            spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help and exit.").build());
        }
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        for (CommandLine sub : cl.getSubcommands().values()) {
            everywhere(sub);
        }
    }
}
