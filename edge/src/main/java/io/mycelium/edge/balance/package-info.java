/**
 * Choosing an endpoint. {@link io.mycelium.edge.balance.Upstream} keeps what the edge learned
 * about one endpoint (requests in flight, consecutive failures, ejection with exponential
 * backoff); a {@link io.mycelium.edge.balance.Balancer} picks one of an app's routable
 * endpoints: power of two choices on requests in flight by default, round robin as an option.
 */
package io.mycelium.edge.balance;
