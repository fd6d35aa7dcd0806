/**
 * The edge as a daemon: {@link io.mycelium.edge.daemon.EdgeSettings}, the file-and-flags settings
 * of one edge (the counterpart of the agent's {@code io.mycelium.agent.daemon.AgentConfig}), and
 * how they become the HTTP server's {@link io.mycelium.edge.EdgeConfig}.
 */
package io.mycelium.edge.daemon;
