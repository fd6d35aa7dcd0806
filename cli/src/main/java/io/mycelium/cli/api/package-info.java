/**
 * The CLI's side of talking to an agent: {@link io.mycelium.cli.api.ApiOptions} is the shared
 * {@code --api URL} / {@code --token-file FILE} option pair that builds the client module's
 * {@link io.mycelium.client.http.AgentClient}, and {@link io.mycelium.cli.api.ClientFailures}
 * turns its failures into one line with the CLI's own hints.
 */
package io.mycelium.cli.api;
