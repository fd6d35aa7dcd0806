/**
 * Time and scheduling, injected everywhere so tests and the simulator run on a fake clock:
 * {@link io.mycelium.fabric.time.Clock}, {@link io.mycelium.fabric.time.Scheduler}, their real
 * implementations, and {@link io.mycelium.fabric.time.EventLoop}, a single-threaded discrete-event
 * loop that is both the fake clock and the scheduler.
 */
package io.mycelium.fabric.time;
