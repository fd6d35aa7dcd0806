/**
 * {@code mesh edge}: the HTTP edge as a fabric member (role edge). It joins the cluster like an
 * agent does (cluster key, mDNS on one interface and/or static seeds), follows the Ready endpoints
 * of every app through the fabric and routes {@code http://edge/{app}/...} to them, publishing the
 * per-app latency back into the fabric as telemetry. Settings come from a JSON file and/or flags.
 */
package io.mycelium.cli.edge;
