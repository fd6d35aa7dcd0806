package io.mycelium.console.view;

/**
 * How a user narrowed and ordered a table: a filter (rows with a cell containing it, any case)
 * and a sort column ({@code -1}: the view's own order).
 */
public record TableState(String filter, int sortColumn, boolean descending) {
    public static final TableState NONE = new TableState("", -1, false);

    public TableState {
        filter = filter == null ? "" : filter;
    }

    public TableState withFilter(String text) {
        return new TableState(text, sortColumn, descending);
    }

    /** Sorts by {@code column}; the same column again flips the order. */
    public TableState sortedBy(int column) {
        return new TableState(filter, column, column == sortColumn && !descending);
    }
}
