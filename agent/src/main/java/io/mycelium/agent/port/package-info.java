/**
 * Instance ports. A {@link io.mycelium.agent.port.PortAllocator} hands out ports on the agent's
 * bind address (127.0.0.1 unless configured), skipping ports it has already given out and ports
 * another process is listening on, and says clearly when a requested port is taken.
 */
package io.mycelium.agent.port;
