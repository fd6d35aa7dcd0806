/**
 * The nutrient ledger: pure functions from a {@link io.mycelium.fabric.ClusterView} and the time
 * to what every app has spent and has left ({@link io.mycelium.fabric.ledger.Accounts}), and to how
 * many instances each app may run ({@link io.mycelium.fabric.ledger.Admission}: it must be able to
 * pay, lower priority yields first when capacity is short, an app out of credits drops to its
 * budget's {@code min}). Spending is the sum of node-owned monotonic
 * {@link io.mycelium.fabric.model.Usage} counters, so it needs no coordinator. No threads, no I/O;
 * see README.md beside this file for the glossary.
 */
package io.mycelium.fabric.ledger;
