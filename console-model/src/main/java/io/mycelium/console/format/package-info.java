/** Text forms both consoles show: ages and durations, rates, latencies and sparklines. */
package io.mycelium.console.format;
