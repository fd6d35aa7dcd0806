package io.mycelium.fabric.state;

import java.util.Comparator;
import java.util.Objects;

/**
 * A record's version, compared as (major, minor, tiebreak). Node-owned records use
 * (incarnation, counter, ""); operator records use (revision, hlc, signing key id).
 */
public record Version(long major, long minor, String tiebreak) implements Comparable<Version> {
    private static final Comparator<Version> ORDER = Comparator.comparingLong(Version::major)
            .thenComparingLong(Version::minor).thenComparing(Version::tiebreak);

    public Version {
        Objects.requireNonNull(tiebreak, "tiebreak");
        if (major < 0 || minor < 0) {
            throw new IllegalArgumentException("version " + major + "." + minor + " is negative");
        }
        if (tiebreak.length() > 128) {
            throw new IllegalArgumentException("version tiebreak is " + tiebreak.length() + " chars, at most 128");
        }
    }

    @Override
    public int compareTo(Version o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return major + "." + minor + (tiebreak.isEmpty() ? "" : "@" + tiebreak.substring(0, Math.min(12, tiebreak.length())));
    }
}
