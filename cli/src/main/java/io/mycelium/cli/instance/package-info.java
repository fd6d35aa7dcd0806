/**
 * {@code mesh instance stop|restart ID}: an operator's request to the agent that runs one
 * instance, signed with the operator key ({@link io.mycelium.client.http.AgentClient#instanceAction});
 * the consoles' {@code ctrl-k}, {@code :stop} and {@code :restart} take the same path.
 */
package io.mycelium.cli.instance;
