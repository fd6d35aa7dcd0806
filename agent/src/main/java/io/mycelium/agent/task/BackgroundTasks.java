package io.mycelium.agent.task;

import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Thread and error-handling helpers shared by the agent's background loops. */
public final class BackgroundTasks {
    private BackgroundTasks() {
    }

    /**
     * {@code task}, but a {@link RuntimeException} it throws is logged at SEVERE under
     * {@code role} rather than propagated (which would cancel a periodic schedule for good).
     */
    public static Runnable guard(Logger log, String role, Runnable task) {
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(task, "task");
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.log(Level.SEVERE, role + ": a task failed", e);
            }
        };
    }

    /** A daemon thread named {@code name} (the role: {@code agent-reconciler}, ...). */
    public static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, Objects.requireNonNull(name, "name"));
        t.setDaemon(true);
        return t;
    }
}
