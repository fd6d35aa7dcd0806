/**
 * TLS on the edge engine's event loops: {@link io.mycelium.edge.tls.TlsConduit} runs an
 * {@code SSLEngine} between a non-blocking socket and the proxy code (client connections and
 * upstream connections alike); {@link io.mycelium.edge.tls.CertificateFiles} is a listener's
 * certificates from PEM files, chosen by SNI and reloaded when the files change;
 * {@link io.mycelium.edge.tls.EdgeTls} says what one engine speaks on each side.
 */
package io.mycelium.edge.tls;
