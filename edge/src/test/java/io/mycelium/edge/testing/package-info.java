/**
 * Loopback test backends for the edge: a well-behaved JDK HttpServer that echoes what it
 * received, and raw-socket backends that misbehave on purpose (garbage, reset, close
 * mid-response, slow). Every backend binds 127.0.0.1 on a free port and is closed by its test.
 */
package io.mycelium.edge.testing;
