/**
 * The port between the console model and a cluster: {@link io.mycelium.console.source.ClusterSource}
 * gives fabric views, change notifications, signed submits and log lines. The live implementation
 * is a fabric member of role console (in the CLI); {@link io.mycelium.console.source.InMemorySource}
 * feeds known states to tests, benchmarks and demos.
 */
package io.mycelium.console.source;
