/**
 * Health checking of instances: the check kinds (http with a path and expected status, tcp,
 * none), the policy with its start period, interval, timeout and thresholds, a blocking
 * {@link io.mycelium.agent.health.HealthProbe} that runs one check, and the pure
 * {@link io.mycelium.agent.health.HealthTracker} that turns probe results into a verdict.
 */
package io.mycelium.agent.health;
