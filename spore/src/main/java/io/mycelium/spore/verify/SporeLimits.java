package io.mycelium.spore.verify;

/**
 * Caps a reader enforces before it writes anything, so a hostile archive cannot fill a disk.
 *
 * @param maxEntries      the most payload entries (files plus SBOM)
 * @param maxTotalBytes   the most payload bytes in all entries together
 * @param maxEntryBytes   the most bytes in one entry
 */
public record SporeLimits(int maxEntries, long maxTotalBytes, long maxEntryBytes) {
    /** 4096 entries, 4 GiB in total and per entry (the most a zip without zip64 holds). */
    public static final SporeLimits DEFAULT = new SporeLimits(4096, 4L << 30, 0xFFFF_FFFEL);

    public SporeLimits {
        if (maxEntries < 1 || maxTotalBytes < 0 || maxEntryBytes < 0) {
            throw new IllegalArgumentException("spore limits must be positive");
        }
    }
}
