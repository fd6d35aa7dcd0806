package io.mycelium.fabric.state;

import io.mycelium.fabric.model.RecordKind;
import java.util.Comparator;
import java.util.Objects;

/** The identity of a record: kind, owner (node id or {@code operator}) and name (app, instance id or empty). */
public record RecordKey(RecordKind kind, String owner, String name) implements Comparable<RecordKey> {
    private static final Comparator<RecordKey> ORDER = Comparator.comparing(RecordKey::kind)
            .thenComparing(RecordKey::owner).thenComparing(RecordKey::name);
    static final int MAX_PART = 256;

    public RecordKey {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(name, "name");
        if (owner.isEmpty() || owner.length() > MAX_PART || name.length() > MAX_PART) {
            throw new IllegalArgumentException("record key " + kind.wireName() + "/" + owner + "/" + name + ": owner must be 1-256 chars, name 0-256");
        }
        if (kind.operator() != owner.equals(RecordKind.OPERATOR)) {
            throw new IllegalArgumentException("record key " + kind.wireName() + "/" + owner + ": operator records, and only they, have owner '"
                    + RecordKind.OPERATOR + "'");
        }
    }

    public static RecordKey operator(RecordKind kind, String app) {
        return new RecordKey(kind, RecordKind.OPERATOR, app);
    }

    public static RecordKey node(RecordKind kind, String nodeId, String name) {
        return new RecordKey(kind, nodeId, name);
    }

    @Override
    public int compareTo(RecordKey o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return kind.wireName() + "/" + owner + (name.isEmpty() ? "" : "/" + name);
    }
}
