/**
 * A small metrics registry for the agent: counters, gauges and histograms with labels, plus
 * collectors computed at scrape time (instances by state, fabric counters), printed in the
 * Prometheus text exposition format (version 0.0.4) by {@link io.mycelium.agent.metrics.MetricRegistry#scrape()}.
 * {@link io.mycelium.agent.metrics.AgentMetrics} names the metrics the daemon feeds.
 */
package io.mycelium.agent.metrics;
