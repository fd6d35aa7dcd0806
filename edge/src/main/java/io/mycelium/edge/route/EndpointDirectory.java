package io.mycelium.edge.route;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * The edge's view of which apps exist and where their instances are.
 *
 * <p>Threading: {@link #app(String)} is called on every request from many threads at once and
 * must be cheap and non-blocking; it should return the same {@link AppEndpoints} instance while
 * nothing changed (the edge caches derived data by identity). Listeners may be called on any
 * thread, after the change is visible through {@link #app(String)}.
 */
public interface EndpointDirectory {

    /** The app's endpoints, or empty if no such app is known. */
    Optional<AppEndpoints> app(String app);

    /** Registers a listener told the name of each app whose endpoints changed. */
    void addListener(Consumer<String> changedApp);
}
