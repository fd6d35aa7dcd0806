/**
 * Derived series over the last minutes (requests/s, p99, restarts per app), sampled from successive
 * views at a fixed step, for sparklines and charts.
 */
package io.mycelium.console.series;
