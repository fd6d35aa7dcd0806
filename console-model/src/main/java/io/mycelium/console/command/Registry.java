package io.mycelium.console.command;

import static io.mycelium.console.command.Front.DESKTOP;
import static io.mycelium.console.command.Front.TERMINAL;
import static io.mycelium.console.command.KeyBinding.only;

import io.mycelium.console.command.CommandSpec.Arg;
import io.mycelium.console.command.KeyBinding.Binding;
import io.mycelium.console.view.ViewKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every key and every {@code :command} of the consoles, in one explicit list each. A key names the
 * consoles that honour it: where the terminal and the desktop give one key different meanings
 * (esc, s, r), each has its own entry, and each console's help lists only its own keys. The
 * commands are the model's ({@code ConsoleModel.run}), the same in both.
 */
public final class Registry {
    private static final List<KeyBinding> KEYS = List.of(
            only(TERMINAL, ":", Binding.COMMAND, "command line (tab completes, enter runs, esc cancels)", false),
            only(DESKTOP, ":", Binding.COMMAND, "to the command field (enter runs the command)", false),
            only(TERMINAL, "/", Binding.FILTER, "filter the rows (in logs: search); esc clears", false),
            only(DESKTOP, "/", Binding.FILTER, "to the search field: nodes, apps, instances (enter selects the first match)", false),
            new KeyBinding("?", Binding.HELP, "this help", false),
            only(TERMINAL, "1-6", Binding.VIEW, "views: 1 graph, 2 nodes, 3 apps, 4 instances, 5 rollouts, 6 events", false),
            only(TERMINAL, "enter", Binding.DRILL, "drill down: node or app -> instances -> logs", false),
            only(TERMINAL, "esc", Binding.BACK, "back to the previous view (clears the filter first)", false),
            only(DESKTOP, "esc", Binding.BACK, "clear the selection, or answer no to the question shown", false),
            only(TERMINAL, "l", Binding.LOGS, "logs of the selected instance or app", false),
            only(TERMINAL, "d", Binding.DESCRIBE, "describe the selected row", false),
            only(DESKTOP, "d/l", Binding.DESCRIBE, "to the side panel: the selection's details", false),
            only(TERMINAL, "s", Binding.SCALE, "scale the selected app (:scale APP N)", true),
            only(DESKTOP, "s", Binding.SCALE, "scale the selected app: to the side panel's instance count", true),
            only(TERMINAL, "r", Binding.ROLLOUT, "rollout actions of the selected app", true),
            only(DESKTOP, "r", Binding.ROLLOUT, "rollout actions of the selected app: to the side panel's promote button", true),
            only(TERMINAL, "p", Binding.PLAN, "plan form: apply a plan, filled from the selected app's (:plan APP)", true),
            only(TERMINAL, "ctrl-k", Binding.STOP, "stop the selected instance (asks first; a fresh one replaces it)", true),
            new KeyBinding("tab", Binding.NEXT_CLUSTER, "next open cluster", false),
            new KeyBinding("a", Binding.ALL_CLUSTERS, "all open clusters merged, or back to one", false),
            only(TERMINAL, "o", Binding.SORT, "sort by the next column", false),
            only(TERMINAL, "O", Binding.SORT_FLIP, "reverse the sort", false),
            only(TERMINAL, "up/k", Binding.UP, "select the row above", false),
            only(TERMINAL, "down/j", Binding.DOWN, "select the row below", false),
            only(TERMINAL, "pgup", Binding.PAGE_UP, "a page up", false),
            only(TERMINAL, "pgdn", Binding.PAGE_DOWN, "a page down", false),
            only(TERMINAL, "home/g", Binding.TOP, "first row", false),
            only(TERMINAL, "end/G", Binding.BOTTOM, "last row", false),
            only(DESKTOP, "f", Binding.FIT, "fit the graph to the window", false),
            only(DESKTOP, "+/-", Binding.ZOOM, "zoom the graph in / out", false),
            only(DESKTOP, "t", Binding.THEME, "light or dark theme", false),
            only(TERMINAL, "q", Binding.QUIT, "quit (ctrl-c too)", false),
            only(DESKTOP, "q", Binding.QUIT, "quit", false));

    private static final List<CommandSpec> COMMANDS = commands();

    private Registry() {
    }

    private static List<CommandSpec> commands() {
        List<CommandSpec> out = new ArrayList<>();
        for (ViewKind v : ViewKind.values()) {
            List<Arg> args = switch (v) {
                case INSTANCES -> List.of(Arg.optional("APP|NODE", ArgKind.APP_OR_NODE));
                case ROLLOUTS -> List.of(Arg.optional("APP", ArgKind.APP));
                case EVENTS -> List.of(Arg.optional("SUBJECT", ArgKind.APP_OR_INSTANCE));
                case LOGS -> List.of(Arg.required("INSTANCE|APP", ArgKind.APP_OR_INSTANCE));
                default -> List.of();
            };
            out.add(new CommandSpec(v.command(), args, v.help(), false));
        }
        out.add(new CommandSpec("cluster", List.of(Arg.required("NAME|all", ArgKind.CLUSTER)),
                "switch to an open cluster, or 'all' for merged views", false));
        out.add(new CommandSpec("filter", List.of(Arg.optional("TEXT", ArgKind.TEXT)), "keep rows with a cell containing TEXT (none: clear)", false));
        out.add(new CommandSpec("sort", List.of(Arg.required("COLUMN", ArgKind.COLUMN)), "sort by a column (again: reverse)", false));
        out.add(new CommandSpec("scale", List.of(Arg.required("APP", ArgKind.APP), Arg.required("N", ArgKind.COUNT)),
                "set the app's instance count (a signed plan)", true));
        out.add(new CommandSpec("rollout", List.of(Arg.required("ACTION", ArgKind.ROLLOUT_ACTION), Arg.required("APP", ArgKind.APP),
                Arg.optional("DIGEST", ArgKind.DIGEST)), "promote, pause, resume, abort, undo or start (with DIGEST) a rollout", true));
        out.add(new CommandSpec("stop", List.of(Arg.required("INSTANCE", ArgKind.INSTANCE)),
                "stop an instance; its slot is placed again (signed request to its agent)", true));
        out.add(new CommandSpec("restart", List.of(Arg.required("INSTANCE", ArgKind.INSTANCE)),
                "restart an instance in place (signed request to its agent)", true));
        out.add(new CommandSpec("apply", List.of(Arg.required("FILE", ArgKind.FILE)), "apply a plan from a JSON file, as mesh plan apply FILE (signed)", true));
        out.add(new CommandSpec("plan", List.of(Arg.optional("APP", ArgKind.APP)),
                "open the plan form (app, spore digest, instances, strategy), filled from APP's plan", true));
        out.add(new CommandSpec("publish", List.of(Arg.required("FILE", ArgKind.FILE)),
                "upload a .spore file to a live agent, as mesh publish (signed)", true));
        out.add(new CommandSpec("help", List.of(), "every key and command", false));
        out.add(new CommandSpec("quit", List.of(), "leave the console", false));
        return List.copyOf(out);
    }

    /** The keys {@code front} honours; without the actions when {@code readonly}. */
    public static List<KeyBinding> keys(boolean readonly, Front front) {
        return KEYS.stream().filter(k -> k.honouredBy(front) && (!readonly || !k.action())).toList();
    }

    /** The commands; without the actions when {@code readonly}. */
    public static List<CommandSpec> commands(boolean readonly) {
        return COMMANDS.stream().filter(c -> !readonly || !c.action()).toList();
    }

    public static Optional<CommandSpec> command(String name, boolean readonly) {
        return commands(readonly).stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
