/**
 * The request path through the edge: {@link io.mycelium.edge.proxy.EdgeConnectionSelector} hands
 * each connection of the Helidon listener to an {@code EdgeConnection}, which gives its socket to
 * a {@code ClientSession} on one of the edge's event loops. The session reads request heads,
 * forwards each over a pooled upstream connection of its loop and streams the response back;
 * {@link io.mycelium.edge.proxy.ProxyHandler} makes the decisions: the route, the endpoint, the
 * heads sent both ways, one retry on another endpoint when a request failed before any response
 * byte and may be repeated, and the answers the edge makes itself (400/404/503/502/504 with a
 * short JSON body carrying the request id). {@link io.mycelium.edge.proxy.RequestContext} holds
 * the ids (request id, W3C trace context) that travel with a request.
 */
package io.mycelium.edge.proxy;
