package io.mycelium.cli.fx;

import io.mycelium.cli.CliContext;
import io.mycelium.cli.MeshException;
import io.mycelium.cli.tui.ConsoleOptions;
import io.mycelium.console.fx.FxConsole;
import io.mycelium.console.fx.Theme;
import io.mycelium.console.model.ClusterSession;
import io.mycelium.console.model.ClusterSnapshot;
import io.mycelium.console.model.ConsoleModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mesh fx}: the desktop console. */
@Command(name = "fx",
        header = "Watch and drive clusters in the desktop console (JavaFX): the live mycelium graph, details, charts, events, actions.",
        description = {
                "",
                "With no options, opens the local mesh of ./mesh up (the work dir ./.mesh), exactly as mesh tui does, "
                        + "and takes the same options to reach other clusters. The console joins each cluster as a "
                        + "fabric member of role console; every action asks first and is signed with the operator key.",
                "",
                "--snapshot FILE.png renders the main view of the live cluster headless (no display needed) and exits: "
                        + "for docs and CI. Without --snapshot a display is needed (DISPLAY, or xvfb-run -a). "
                        + "In the window, ? lists every key; the terminal console's keys work here too.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
                "  ./mesh fx                                     # the mesh of ./mesh up, in a window",
                "  ./mesh fx --snapshot mesh.png                 # a 1600x1000 PNG of the live graph",
                "  ./mesh fx --dir .mesh --dir /tmp/lab-2/.mesh --theme light",
                "  ./mesh fx --join 10.0.0.5:7946 --cluster lab --cluster-key lab.key --key operator.key",
        })
public final class FxCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    ConsoleOptions options = new ConsoleOptions();

    @Option(names = "--snapshot", paramLabel = "FILE.png", description = "Render the main view headless to this PNG and exit.")
    Path snapshot;

    @Option(names = "--size", paramLabel = "WxH", defaultValue = "1600x1000", description = "Window or snapshot size, at least 1024x640 (default: ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--theme", paramLabel = "dark|light", defaultValue = "dark", description = "Colour theme (t switches in the window; default: ${DEFAULT-VALUE}).")
    String theme;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "20", description = "With --snapshot: how long to wait for the cluster's state before rendering what is known (default: ${DEFAULT-VALUE}).")
    int waitSeconds;

    public FxCommand(CliContext ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
    }

    @Override
    public Integer call() throws Exception {
        int[] wh = size();
        Theme t = theme();
        if (snapshot != null) {
            headless(wh);
        } else {
            FxConsole.noDisplay().ifPresent(why -> {
                throw MeshException.rejected(why);
            });
        }
        List<AutoCloseable> sources = new ArrayList<>();
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        java.util.logging.Level level = root.getLevel();
        root.setLevel(java.util.logging.Level.WARNING);
        try {
            List<ClusterSession> sessions = options.open(ctx, sources);
            ConsoleModel model = new ConsoleModel(sessions, options.readonly(), ctx.clock()::millis);
            if (snapshot != null) {
                FxConsole.snapshot(model, t, ctx.clock()::millis, snapshot, wh[0], wh[1], () -> seen(model), waitSeconds * 1000L);
                System.out.println("wrote " + snapshot.toAbsolutePath() + " (" + wh[0] + "x" + wh[1] + ")");
            } else {
                FxConsole.window(model, t, ctx.clock()::millis, wh[0], wh[1]);
            }
            return 0;
        } finally {
            ConsoleOptions.closeAll(sources);
            root.setLevel(level);
        }
    }

    /** Whether every cluster shows its agents and, when it has apps, their instances. */
    private static boolean seen(ConsoleModel model) {
        for (ClusterSession s : model.sessions()) {
            ClusterSnapshot snap = s.snapshot();
            boolean agents = snap.nodes().stream().anyMatch(n -> n.role().equals("agent"));
            if (!snap.connected() || !agents || (!snap.apps().isEmpty() && snap.instances().isEmpty())) {
                return false;
            }
        }
        return true;
    }

    /** JavaFX without a display: Monocle's headless screen of the snapshot's size and the software renderer. */
    static void headless(int[] wh) {
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("java.awt.headless", "true");
        System.setProperty("headless.geometry", (wh[0] + 64) + "x" + (wh[1] + 64) + "-32");
    }

    private int[] size() {
        String[] p = size.toLowerCase(java.util.Locale.ROOT).split("x");
        try {
            int w = Integer.parseInt(p[0].strip());
            int h = Integer.parseInt(p[1].strip());
            if (p.length != 2 || w < 1024 || h < 640 || w > 8000 || h > 8000) {
                throw new NumberFormatException();
            }
            return new int[] {w, h};
        } catch (RuntimeException e) {
            throw MeshException.usage("--size " + size + ": give WIDTHxHEIGHT, at least 1024x640 (e.g. 1600x1000)");
        }
    }

    private Theme theme() {
        return switch (theme.toLowerCase(java.util.Locale.ROOT)) {
            case "dark" -> Theme.DARK;
            case "light" -> Theme.LIGHT;
            default -> throw MeshException.usage("--theme " + theme + ": dark or light");
        };
    }
}
