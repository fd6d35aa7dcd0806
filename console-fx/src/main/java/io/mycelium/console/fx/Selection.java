package io.mycelium.console.fx;

import java.util.Objects;

/** What the operator picked on the graph or in a list: a node, an app, an instance or a whole cluster, by id. */
public record Selection(Kind kind, String id) {
    public enum Kind { NONE, NODE, APP, INSTANCE, CLUSTER }

    public static final Selection NONE = new Selection(Kind.NONE, "");

    public Selection {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
    }
}
