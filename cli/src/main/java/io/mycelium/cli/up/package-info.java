/**
 * {@code mesh up}: the main job in one command. For now it sets up a work directory (default
 * {@code ./.mesh}): a publisher key made on the first run and trusted, the example spores packed,
 * published into the work directory's repo and verified against the trust store. Running it again
 * reuses everything that is still valid and only redoes what changed. Later issues extend it to
 * start the agents and the edge.
 */
package io.mycelium.cli.up;
