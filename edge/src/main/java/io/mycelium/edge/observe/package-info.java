/**
 * What the edge tells the world about its traffic: per-app request counts by status class,
 * errors by class and a latency histogram ({@link io.mycelium.edge.observe.EdgeMetrics}, served
 * as Prometheus text on {@code /metrics}), one access-log line per request ({@link
 * io.mycelium.edge.observe.AccessLog}), and each app's recent p99 published through a {@link
 * io.mycelium.edge.observe.TelemetrySink} (into the fabric, where the ledger and autoscaling read it).
 */
package io.mycelium.edge.observe;
