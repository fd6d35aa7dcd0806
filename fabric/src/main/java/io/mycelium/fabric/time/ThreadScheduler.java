package io.mycelium.fabric.time;

import io.mycelium.spore.time.Clock;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A {@link Scheduler} on one daemon thread; a task that throws is reported and keeps its schedule. */
public final class ThreadScheduler implements Scheduler {
    private final ScheduledExecutorService executor;
    private final Consumer<Throwable> errors;

    public ThreadScheduler(String threadName, Consumer<Throwable> errors) {
        this.errors = errors;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    private Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                errors.accept(e);
            }
        };
    }

    @Override
    public AutoCloseable every(long delayMs, long periodMs, Runnable task) {
        ScheduledFuture<?> f = executor.scheduleWithFixedDelay(guarded(task), delayMs, periodMs, TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public void later(long delayMs, Runnable task) {
        if (!executor.isShutdown()) {
            executor.schedule(guarded(task), delayMs, TimeUnit.MILLISECONDS);
        }
    }

    /** Runs a task on the scheduler thread as soon as possible. */
    public void execute(Runnable task) {
        later(0, task);
    }

    @Override
    public Clock clock() {
        return Clock.SYSTEM;
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
