/**
 * The agent daemon: {@link io.mycelium.agent.daemon.Agent} wires one node together (its fabric
 * member with role agent, its spore library, the supervisor, which recovers and adopts first, the
 * reconciler and the Helidon webserver) from an {@link io.mycelium.agent.daemon.AgentConfig};
 * {@link io.mycelium.agent.daemon.AgentMain} runs one as a process until TERM.
 */
package io.mycelium.agent.daemon;
