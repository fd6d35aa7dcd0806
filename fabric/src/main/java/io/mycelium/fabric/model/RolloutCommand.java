package io.mycelium.fabric.model;

import io.mycelium.spore.digest.Digest;
import java.util.Objects;

/** An operator's instruction to an app's rollout: promote, pause, resume or abort, towards a target digest. */
public record RolloutCommand(String app, Action action, Digest target, String note) {
    public enum Action { PROMOTE, PAUSE, RESUME, ABORT }

    public RolloutCommand {
        Checks.name("app", app);
        Objects.requireNonNull(action, "action");
        note = note == null ? "" : note;
    }
}
