package io.mycelium.cli.tui;

import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.terminal.DefaultTerminalFactory;
import io.mycelium.cli.CliContext;
import io.mycelium.console.model.ClusterSession;
import io.mycelium.console.model.ConsoleModel;
import io.mycelium.console.tui.TerminalConsole;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code mesh tui}: the terminal console. */
@Command(name = "tui",
        header = "Watch and drive clusters in a terminal console (k9s-style): graph, nodes, apps, instances, rollouts, events, logs.",
        description = {
                "",
                "With no options, opens the local mesh of ./mesh up (the work dir ./.mesh: its cluster key, operator key, "
                        + "operator trust and agents as seeds), in a second terminal next to it. The console joins the "
                        + "cluster as a fabric member of role console: it sees what the agents see, with no server between "
                        + "them, runs no workloads, and on its side of a partition keeps showing what that side knows.",
                "",
                "Another cluster: --join HOST:PORT (repeatable) --cluster NAME --cluster-key FILE [--key operator.key], "
                        + "or found by mDNS on --mdns-interface IF, or through one agent's API with --agent URL (its "
                        + "members become the seeds). Several clusters: --dir once per mesh up work dir; tab switches, "
                        + "a merges them. Every command is signed with the operator key; without one (or with "
                        + "--readonly) every action is hidden. Press ? in the console for every key and command.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
                "  ./mesh tui                                   # the mesh of ./mesh up",
                "  ./mesh tui --dir .mesh --dir /tmp/lab-2/.mesh  # two local meshes, tab switches",
                "  ./mesh tui --join 10.0.0.5:7946 --cluster lab --cluster-key lab.key --key operator.key",
                "  ./mesh tui --agent http://127.0.0.1:7070 --cluster-key .mesh/cluster.key --readonly",
        })
public final class TuiCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    ConsoleOptions options = new ConsoleOptions();

    public TuiCommand(CliContext ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
    }

    @Override
    public Integer call() throws IOException {
        List<AutoCloseable> sources = new ArrayList<>();
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        java.util.logging.Handler[] handlers = root.getHandlers();
        for (java.util.logging.Handler h : handlers) {
            root.removeHandler(h);
        }
        try {
            List<ClusterSession> sessions = options.open(ctx, sources);
            ConsoleModel model = new ConsoleModel(sessions, options.readonly(), ctx.clock()::millis);
            Screen screen = new DefaultTerminalFactory().setForceTextTerminal(true).createScreen();
            TerminalConsole console = new TerminalConsole(model, screen);
            Thread hook = new Thread(console::stop, "tui-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            console.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is stopping (TERM): the hook has run
            }
            return 0;
        } finally {
            ConsoleOptions.closeAll(sources);
            for (java.util.logging.Handler h : handlers) {
                root.addHandler(h);
            }
        }
    }
}
