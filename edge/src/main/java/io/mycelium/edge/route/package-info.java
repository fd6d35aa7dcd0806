/**
 * Where traffic may go. An {@link io.mycelium.edge.route.EndpointDirectory} says which apps exist
 * and lists each app's endpoints (Ready or Draining, with the revision they run); the fabric and
 * the in-memory directory used by tests and benchmarks both implement it. {@link
 * io.mycelium.edge.route.RouteParser} turns a request's host and raw path into an app name and
 * the path to forward, refusing path tricks before anything reaches a backend.
 */
package io.mycelium.edge.route;
