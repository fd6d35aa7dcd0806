package io.mycelium.console.view;

import java.util.Locale;

/** The views of a console, in the order the help lists them. */
public enum ViewKind {
    GRAPH("the mycelium graph: agents as hubs, their instances as hyphae, the edges routing to them"),
    NODES("members with capacity, usage and how old their newest record is"),
    APPS("apps with plan, readiness, requests/s and p99 against the SLO"),
    INSTANCES("instances with state, restarts and endpoint"),
    ROLLOUTS("rollouts: phase, step, traffic weights, analysis"),
    EVENTS("the audit trail: every change and operator command with its signing key"),
    LOGS("an instance's output (follows; / searches)");

    private final String help;

    ViewKind(String help) {
        this.help = help;
    }

    /** The view's name as a command ({@code :apps}). */
    public String command() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String help() {
        return help;
    }
}
