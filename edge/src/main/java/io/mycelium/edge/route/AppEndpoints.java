package io.mycelium.edge.route;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable snapshot of one app's endpoints.
 *
 * @param app            the app name
 * @param activeRevision the revision that receives traffic; empty means every revision does
 * @param endpoints      all known endpoints, whatever their state
 */
public record AppEndpoints(String app, Optional<String> activeRevision, List<Endpoint> endpoints) {

    public AppEndpoints {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(activeRevision, "activeRevision");
        endpoints = List.copyOf(endpoints);
    }

    /** The endpoints that may receive new requests: Ready and of the active revision. */
    public List<Endpoint> routable() {
        return endpoints.stream()
                .filter(e -> e.state() == Endpoint.State.READY)
                .filter(e -> activeRevision.map(e.revision()::equals).orElse(true))
                .toList();
    }
}
