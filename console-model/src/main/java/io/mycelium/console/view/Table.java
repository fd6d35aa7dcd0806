package io.mycelium.console.view;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A view as a table: columns, and rows already filtered and sorted. Immutable. */
public record Table(List<Column> columns, List<Row> rows) {
    /** A column; {@code width} is its width in characters, the last column takes what is left. */
    public record Column(String name, int width, boolean right) {
        public Column {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * A row: {@code key} identifies it across refreshes (selection follows it), {@code clusterTag}
     * is the index of its cluster (for the colour tag of merged views), {@code drill} is where
     * enter goes from it.
     */
    public record Row(String key, int clusterTag, List<String> cells, Tone tone, Optional<Route> drill) {
        public Row {
            Objects.requireNonNull(key, "key");
            cells = List.copyOf(cells);
            Objects.requireNonNull(tone, "tone");
            Objects.requireNonNull(drill, "drill");
        }
    }

    public Table {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /** At most {@code height} rows from {@code offset}: the only rows a console renders. */
    public List<Row> window(int offset, int height) {
        int from = Math.max(0, Math.min(offset, rows.size()));
        return rows.subList(from, Math.min(rows.size(), from + Math.max(0, height)));
    }

    public int indexOf(String key) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).key().equals(key)) {
                return i;
            }
        }
        return -1;
    }
}
