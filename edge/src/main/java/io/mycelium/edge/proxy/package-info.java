/**
 * The request path through the edge: {@link io.mycelium.edge.proxy.EdgeConnectionSelector} hands
 * each connection of the Helidon listener to an {@code EdgeConnection}, the edge's HTTP/1.1 loop
 * over the accepted socket; for each request head it parses,
 * {@link io.mycelium.edge.proxy.ProxyHandler} routes the
 * request, picks an endpoint, forwards head and body over a pooled upstream connection, streams
 * the response back, retries once on another endpoint when an idempotent request failed before
 * any response byte, and answers 400/404/503/502/504 with a short JSON body carrying the request
 * id. {@link io.mycelium.edge.proxy.RequestContext} holds the ids (request id, W3C trace context)
 * that travel with a request.
 */
package io.mycelium.edge.proxy;
