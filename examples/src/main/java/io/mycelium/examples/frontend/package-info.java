/** The frontend example workload: an HTML page at {@code /page}, plus {@code /hello} and {@code /health}. */
package io.mycelium.examples.frontend;
