package io.mycelium.edge.tls;

/** A TLS set-up read from files that can take their new content without a restart. */
public interface Reloadable {
    /**
     * Reads the files again if any of them changed; a set that does not load (a half-written
     * file, a key that does not match) keeps the previous one and says why.
     *
     * @return whether the new files are in use now
     */
    boolean reloadIfChanged();
}
