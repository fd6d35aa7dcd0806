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
import io.mycelium.cli.fx.FxCommand;
import io.mycelium.cli.tui.TuiCommand;
import io.mycelium.cli.up.UpCommand;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
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
     * Every top-level command, by name, in the order {@code mesh --help} lists them; each entry
     * builds its command (a group with its subcommands). The one registry: {@link #build} adds
     * them all, {@link #forArgs} only the one a command line names.
     */
    private static Map<String, Function<CliContext, Object>> topLevel() {
        Map<String, Function<CliContext, Object>> m = new LinkedHashMap<>();
        m.put("up", UpCommand::new);
        m.put("keygen", ctx -> new KeygenCommand());
        m.put("spore", ctx -> group(new SporeCommand(),
                new SporePackCommand(), new SporeVerifyCommand(), new SporeExtractCommand(), new SporeInspectCommand()));
        m.put("repo", ctx -> group(new RepoCommand(),
                new RepoPutCommand(), new RepoLsCommand(), new RepoGetCommand(), new RepoRmCommand(), new RepoGcCommand()));
        m.put("fabric", ctx -> group(new FabricCommand(),
                new FabricSimulateCommand(), new FabricMemberCommand(), new FabricKeygenCommand()));
        m.put("agent", ctx -> new AgentCommand());
        m.put("edge", ctx -> new EdgeCommand());
        m.put("publish", PublishCommand::new);
        m.put("plan", ctx -> group(new PlanCommand(), new PlanApplyCommand(ctx)));
        m.put("rollout", ctx -> group(new RolloutGroup(), new RolloutStartCommand(ctx), new RolloutStatusCommand(ctx),
                new RolloutVerbCommand.Promote(ctx), new RolloutVerbCommand.Pause(ctx), new RolloutVerbCommand.Resume(ctx),
                new RolloutVerbCommand.Abort(ctx), new RolloutUndoCommand(ctx), new RolloutHistoryCommand(ctx)));
        m.put("budget", ctx -> group(new io.mycelium.cli.budget.BudgetGroup(), new io.mycelium.cli.budget.BudgetSetCommand(ctx),
                new io.mycelium.cli.budget.BudgetTopupCommand(ctx), new io.mycelium.cli.budget.BudgetShowCommand(ctx)));
        m.put("price", ctx -> group(new io.mycelium.cli.budget.PriceGroup(), new io.mycelium.cli.budget.PriceSetCommand(ctx)));
        m.put("intention", ctx -> group(new io.mycelium.cli.intention.IntentionGroup(),
                new io.mycelium.cli.intention.IntentionSetCommand.Allow(ctx), new io.mycelium.cli.intention.IntentionSetCommand.Deny(ctx),
                new io.mycelium.cli.intention.IntentionDefaultCommand(ctx), new io.mycelium.cli.intention.IntentionRemoveCommand(ctx),
                new io.mycelium.cli.intention.IntentionListCommand(ctx)));
        m.put("ledger", io.mycelium.cli.ledger.LedgerCommand::new);
        m.put("apps", AppsCommand::new);
        m.put("instances", InstancesCommand::new);
        m.put("instance", ctx -> group(new io.mycelium.cli.instance.InstanceGroup(), new io.mycelium.cli.instance.InstanceStopCommand(ctx),
                new io.mycelium.cli.instance.InstanceRestartCommand(ctx)));
        m.put("logs", LogsCommand::new);
        m.put("nodes", NodesCommand::new);
        m.put("state", StateCommand::new);
        m.put("tui", TuiCommand::new);
        m.put("fx", FxCommand::new);
        m.put("docs", DocsCommand::new);
        m.put("help", ctx -> new HelpCommand());
        return m;
    }

    /**
     * The tree to run {@code args} with: {@code mesh} with only the command that {@code args}
     * names, or with none for {@code mesh --version}; the whole tree for {@code mesh --help},
     * {@code mesh help}, no command or an unknown one. Building every command costs about 0.3 s
     * of CPU at start (picocli reads each one's annotations), which neither a daemon's start nor
     * a one-line command should carry; a command's help and errors read the same either way.
     */
    public static CommandLine forArgs(CliContext ctx, String... args) {
        String first = Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst().orElse(null);
        Map<String, Function<CliContext, Object>> all = topLevel();
        if (first != null && !first.equals("help") && all.containsKey(first)) {
            CommandLine mesh = root();
            mesh.addSubcommand(all.get(first).apply(ctx));
            everywhere(mesh);
            return mesh;
        }
        if (first == null && args.length > 0 && Arrays.stream(args).allMatch(a -> a.equals("--version") || a.equals("-V") || a.equals("--verbose"))) {
            CommandLine mesh = root();
            everywhere(mesh);
            return mesh;
        }
        return build(ctx);
    }

    /** The whole command tree, its commands built with {@code ctx}. */
    public static CommandLine build(CliContext ctx) {
        CommandLine mesh = root();
        topLevel().values().forEach(command -> mesh.addSubcommand(command.apply(ctx)));
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
