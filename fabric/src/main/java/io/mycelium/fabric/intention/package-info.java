/**
 * Intentions: which app may call which through the hyphae routers, decided as a pure function of
 * a {@link io.mycelium.fabric.ClusterView} from the signed {@code intention} records
 * ({@link io.mycelium.fabric.intention.Intentions#decide}), so every router decides alike.
 */
package io.mycelium.fabric.intention;
