/**
 * The fabric's counters (messages and bytes in and out, dropped packets by reason, refused
 * operator records by reason), read by the status document and by the agent's Prometheus endpoint.
 */
package io.mycelium.fabric.metrics;
