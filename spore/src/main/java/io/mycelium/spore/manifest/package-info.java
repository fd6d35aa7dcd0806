/**
 * The DNA manifest: Jackson-mapped records for a spore's identity, runtime, provided services,
 * nutrients, SLO, security, health check, payload files and optional SBOM, and
 * {@link io.mycelium.spore.manifest.ManifestCodec}, which parses manifests strictly under a size
 * cap and writes them canonically. Unknown fields are kept in each record's {@code extra} map and
 * written back, so they stay signed; {@link io.mycelium.spore.manifest.PayloadPath} is the one rule
 * for what a payload path may look like.
 */
package io.mycelium.spore.manifest;
