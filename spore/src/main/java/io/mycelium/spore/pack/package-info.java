/**
 * Packing: {@link io.mycelium.spore.pack.SporePacker} binds payload files (the executable first,
 * then extra files and an optional CycloneDX SBOM) into a manifest by sha256 and size, signs the
 * manifest's exact bytes in a DSSE envelope, and writes the archive atomically.
 */
package io.mycelium.spore.pack;
