package io.mycelium.fabric.placement;

import java.util.Comparator;
import java.util.Objects;

/**
 * One instance slot of an app: slot {@code index} of {@code app}, counted from 0.
 *
 * @param app   the app name
 * @param index the slot number, 0 .. instances-1
 */
public record SlotId(String app, int index) implements Comparable<SlotId> {
    private static final Comparator<SlotId> ORDER = Comparator.comparing(SlotId::app).thenComparingInt(SlotId::index);

    public SlotId {
        Objects.requireNonNull(app, "app");
        if (index < 0) {
            throw new IllegalArgumentException("slot index of " + app + " must be >= 0, got " + index);
        }
    }

    @Override
    public int compareTo(SlotId other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return app + "#" + index;
    }
}
