/**
 * {@code mesh tui}: finds the cluster (a {@code mesh up} work dir, seeds, mDNS or one agent's API),
 * joins it as a fabric member of role console ({@link io.mycelium.cli.tui.FabricSource}) and runs
 * the terminal console on the real terminal.
 */
package io.mycelium.cli.tui;
