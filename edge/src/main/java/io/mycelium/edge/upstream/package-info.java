/**
 * A lean HTTP/1.1 client for the edge's upstream side: pooled keep-alive sockets per endpoint
 * ({@link io.mycelium.edge.upstream.ConnectionPool}), a strict response-head parser with size
 * limits, and body framing (Content-Length, chunked, until close) that streams bytes instead of
 * buffering whole bodies. Failures are classified ({@link io.mycelium.edge.upstream.UpstreamFailure})
 * so the proxy can tell a reset before any response byte (retryable) from a broken response.
 */
package io.mycelium.edge.upstream;
