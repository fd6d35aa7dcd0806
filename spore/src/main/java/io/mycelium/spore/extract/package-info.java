/**
 * Extraction: {@link io.mycelium.spore.extract.SporeExtractor} verifies and extracts a spore in a
 * single streaming pass into a temporary sibling directory, renamed into place only after every
 * check passed, so a failed extraction leaves nothing behind.
 */
package io.mycelium.spore.extract;
