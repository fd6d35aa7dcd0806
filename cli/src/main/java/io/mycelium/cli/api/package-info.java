/**
 * Talking to an agent's HTTP API from the CLI: {@link io.mycelium.cli.api.AgentClient} sends the
 * requests and turns every failure (agent not running, refused request, unexpected answer) into
 * one line that says what to do, and {@link io.mycelium.cli.api.ApiOptions} is the shared
 * {@code --api URL} / {@code --token-file FILE} option pair.
 */
package io.mycelium.cli.api;
