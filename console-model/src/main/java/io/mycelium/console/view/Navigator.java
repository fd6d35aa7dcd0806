package io.mycelium.console.view;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where the console is and how it got there: a stack of routes (enter pushes, esc pops), and per
 * route the table state and the selected row (by key, so the selection stays on its row while
 * rows come and go). Confined to the console's thread.
 */
public final class Navigator {
    private final ArrayDeque<Route> stack = new ArrayDeque<>();
    private final Map<Route, TableState> states = new HashMap<>();
    private final Map<Route, String> selected = new HashMap<>();

    public Navigator(Route home) {
        stack.push(Objects.requireNonNull(home, "home"));
    }

    public Route route() {
        return stack.peek();
    }

    /** Goes to {@code route} (going to where one already is does nothing). */
    public void go(Route route) {
        if (!route.equals(route())) {
            stack.push(route);
        }
    }

    /** Jumps to {@code route} as a fresh start ({@code :apps}): esc then leads nowhere further back. */
    public void jump(Route route) {
        stack.clear();
        stack.push(Objects.requireNonNull(route, "route"));
    }

    /** Back to the previous route; false when already at the first one. */
    public boolean back() {
        if (stack.size() == 1) {
            return false;
        }
        stack.pop();
        return true;
    }

    /** How deep the stack is, for a breadcrumb. */
    public java.util.List<Route> trail() {
        return java.util.List.copyOf(stack.reversed());
    }

    public TableState state() {
        return states.getOrDefault(route(), TableState.NONE);
    }

    public void state(TableState state) {
        states.put(route(), Objects.requireNonNull(state, "state"));
    }

    /** The selected row's index in {@code table}: the remembered key's row, else the first. */
    public int selected(Table table) {
        String key = selected.get(route());
        int i = key == null ? -1 : table.indexOf(key);
        return i >= 0 ? i : 0;
    }

    public java.util.Optional<Table.Row> selectedRow(Table table) {
        return table.rows().isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(table.rows().get(selected(table)));
    }

    /** Moves the selection by {@code delta} rows, stopping at the ends. */
    public void move(Table table, int delta) {
        if (table.rows().isEmpty()) {
            return;
        }
        int i = Math.max(0, Math.min(table.rows().size() - 1, selected(table) + delta));
        selected.put(route(), table.rows().get(i).key());
    }
}
