/**
 * The client side of the edge's HTTP/1.1: the input buffer that finds complete request heads as
 * bytes arrive ({@link io.mycelium.edge.client.ClientInput}) and a strict request-head parser that
 * works in place in it ({@link io.mycelium.edge.client.RequestParser}). Helidon owns the listener
 * (accept loop, connection cap); the edge's event loops own the bytes of each connection.
 */
package io.mycelium.edge.client;
