/**
 * What the example workloads share: their settings from the environment ({@code PORT},
 * {@code HOST}, {@code GREETING}, {@code APP_VERSION}, {@code MYCELIUM_INSTANCE}) and a tiny HTTP
 * server on the JDK's {@code com.sun.net.httpserver} that answers {@code /hello} and
 * {@code /health}. No dependencies, so a workload jar starts in a fraction of a second.
 */
package io.mycelium.examples.common;
