/**
 * The client side of the edge's HTTP/1.1: a strict request-head parser that works in place in the
 * connection's input buffer ({@link io.mycelium.edge.client.RequestParser}), the buffered input
 * that finds heads and decodes request bodies ({@link io.mycelium.edge.client.ClientInput}) and the
 * buffered output that sends a response head and a small body in one write
 * ({@link io.mycelium.edge.client.ClientOutput}). Helidon owns the listener (accept loop,
 * connection cap, idle handling, virtual threads); these classes own the bytes of each connection.
 */
package io.mycelium.edge.client;
