/**
 * The spore archive format: a strict zip whose first entry is the DSSE envelope and whose STORED
 * payload entries follow in manifest order ({@link io.mycelium.spore.archive.ZipFormat}), and the
 * writer that produces it ({@link io.mycelium.spore.archive.ZipStoreWriter}). Reading lives in
 * {@code io.mycelium.spore.verify}, where every byte is checked as it streams past.
 */
package io.mycelium.spore.archive;
