/**
 * Getting a spore onto this node: {@link io.mycelium.agent.fetch.SporeLibrary} fetches a digest the
 * local repository lacks from a peer that holds it ({@code GET {peer api}/v1/spores/{digest}}),
 * streaming into the repository with the digest checked and the free disk checked first, then
 * verifies it against the publisher trust store and extracts it once per digest. Every failure is
 * a {@link io.mycelium.agent.fetch.FetchException} with a kind (no holder, disk full, rejected,
 * network) and one line an operator can act on; fetched bytes and time go to the agent's metrics.
 */
package io.mycelium.agent.fetch;
