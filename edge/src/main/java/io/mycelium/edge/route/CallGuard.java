package io.mycelium.edge.route;

/**
 * An optional check of the engine before a request is routed: who calls (named by a prefix of the
 * path that the guard recognises and the engine strips), and whether that caller may call the app.
 * The hyphae router's local listener uses it for intentions; the edge has none. A refusal is
 * answered 403 with the reason and counted as {@code denied}. Thread-safe: every event loop asks.
 */
public interface CallGuard {

    /**
     * The caller a path names.
     *
     * @param app    the calling app, or null when the path names no caller the guard knows
     * @param prefix how many leading chars of the path name the caller (stripped before routing)
     */
    record Caller(String app, int prefix) {
        /** No caller prefix at all. */
        public static final Caller NONE = new Caller(null, 0);

        public Caller {
            if (prefix < 0) {
                throw new IllegalArgumentException("caller prefix length " + prefix + " is negative");
            }
        }
    }

    /** The caller named at the start of {@code rawPath} (the request target without its query). */
    Caller caller(String rawPath);

    /** Null to let {@code caller} call {@code app}; else why not, for the 403 the caller reads. */
    String refusal(Caller caller, String app);
}
