package io.mycelium.edge.route;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * An {@link EndpointDirectory} held in memory, for tests, benchmarks and a standalone edge with
 * static routes. All methods are thread-safe.
 */
public final class InMemoryEndpointDirectory implements EndpointDirectory {

    private final Map<String, AppEndpoints> apps = new ConcurrentHashMap<>();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public Optional<AppEndpoints> app(String app) {
        return Optional.ofNullable(apps.get(app));
    }

    @Override
    public void addListener(Consumer<String> changedApp) {
        listeners.add(changedApp);
    }

    /** Sets (replaces) all endpoints of an app, with every revision active. */
    public void put(String app, List<Endpoint> endpoints) {
        put(new AppEndpoints(app, endpoints));
    }

    /** Sets (replaces) an app's snapshot. */
    public void put(AppEndpoints snapshot) {
        apps.put(snapshot.app(), snapshot);
        fire(snapshot.app());
    }

    /** Replaces one endpoint (matched by id) of an app, for example to mark it Draining. */
    public void update(String app, Endpoint endpoint) {
        apps.computeIfPresent(app, (name, old) ->
                old.withEndpoints(old.endpoints().stream().map(e -> e.id().equals(endpoint.id()) ? endpoint : e).toList()));
        fire(app);
    }

    /** Forgets an app. */
    public void remove(String app) {
        apps.remove(app);
        fire(app);
    }

    private void fire(String app) {
        for (Consumer<String> listener : listeners) {
            listener.accept(app);
        }
    }
}
