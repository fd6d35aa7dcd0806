/** The billing example workload: answers {@code /hello}, {@code /health} and a toy {@code /invoice}. */
package io.mycelium.examples.billing;
