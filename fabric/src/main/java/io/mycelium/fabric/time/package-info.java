/**
 * Scheduling on the project's one clock ({@link io.mycelium.spore.time.Clock}), injected everywhere
 * so tests and the simulator run on a fake clock: {@link io.mycelium.fabric.time.Scheduler}, its
 * real implementation, and {@link io.mycelium.fabric.time.EventLoop}, a single-threaded
 * discrete-event loop that is both the fake clock and the scheduler.
 */
package io.mycelium.fabric.time;
