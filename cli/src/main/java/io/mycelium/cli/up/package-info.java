/**
 * {@code mesh up}: the main job in one command. In a work directory (default {@code ./.mesh}) it
 * makes the publisher, operator and cluster keys on the first run, packs the example spores, starts
 * N agents and one edge as child processes on loopback ({@link io.mycelium.cli.up.LocalMesh},
 * {@link io.mycelium.cli.up.Child}), publishes the spores, applies the example plans, waits until
 * every instance is Ready and routed, and stays in the foreground until Ctrl-C, when it stops every
 * child by PID (the agents stop their workloads first). Running it again reuses the work directory.
 */
package io.mycelium.cli.up;
