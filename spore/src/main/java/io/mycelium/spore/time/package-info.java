/**
 * The one clock interface of the project, {@link io.mycelium.spore.time.Clock} (wall-clock
 * milliseconds and monotonic nanoseconds), its system implementation and
 * {@link io.mycelium.spore.time.ManualClock}, the clock tests move by hand. It lives in the lowest
 * module because the spore store already needs one; every other module injects the same type.
 */
package io.mycelium.spore.time;
