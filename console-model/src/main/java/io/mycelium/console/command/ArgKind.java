package io.mycelium.console.command;

/** What a command's argument names; completion offers the values of its kind. */
public enum ArgKind {
    APP, INSTANCE, NODE, APP_OR_NODE, APP_OR_INSTANCE, CLUSTER, COUNT, ROLLOUT_ACTION, DIGEST, FILE, TEXT, COLUMN
}
