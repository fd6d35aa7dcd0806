/**
 * The one HTTP client of agents' APIs ({@link io.mycelium.client.http.AgentClient}) with typed
 * answers, and its {@link io.mycelium.client.http.ClientException}, whose messages name the agent
 * and the reason but no front end's flags.
 */
package io.mycelium.client.http;
