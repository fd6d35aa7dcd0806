/**
 * The agent's HTTP API (Helidon SE): {@code /v1} resources for nodes, fabric state, apps,
 * instances and their logs, signed plans and spores, plus {@code /health/live},
 * {@code /health/ready} and Prometheus {@code /metrics}. {@link io.mycelium.agent.api.AgentApi}
 * mounts one {@code HttpService} per resource on a routing; everything the routes need from the
 * daemon comes through the small {@link io.mycelium.agent.api.AgentServices} interface, so the
 * routes are tested with a fake. Errors are JSON {@code {"error": ..., "hint": ...}}, mapped once.
 * Reads are open unless configured otherwise; writes need a bearer token or an operator signature.
 */
package io.mycelium.agent.api;
