/**
 * The edge's upstream side of HTTP/1.1: non-blocking keep-alive connections to endpoints
 * ({@link io.mycelium.edge.upstream.UpstreamChannel}), pooled per event loop
 * ({@link io.mycelium.edge.upstream.UpstreamPool}), and a strict response-head parser with size
 * limits that works in place as bytes arrive. Failures are classified
 * ({@link io.mycelium.edge.upstream.UpstreamFailure}) so the proxy can tell a reset before any
 * response byte (retryable) from a broken response.
 */
package io.mycelium.edge.upstream;
