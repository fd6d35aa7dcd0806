package io.mycelium.edge.route;

import java.util.List;
import java.util.Objects;

/**
 * An immutable snapshot of one app's endpoints.
 *
 * @param app       the app name
 * @param split     how requests are split across revisions ({@link RevisionSplit#ANY}: every revision)
 * @param endpoints all known endpoints, whatever their state
 */
public record AppEndpoints(String app, RevisionSplit split, List<Endpoint> endpoints) {

    public AppEndpoints {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(split, "split");
        endpoints = List.copyOf(endpoints);
    }

    /** A snapshot where every revision takes requests. */
    public AppEndpoints(String app, List<Endpoint> endpoints) {
        this(app, RevisionSplit.ANY, endpoints);
    }

    /** The endpoints that may receive new requests, normal or preview: Ready and of a revision the split reaches. */
    public List<Endpoint> routable() {
        return endpoints.stream()
                .filter(e -> e.state() == Endpoint.State.READY)
                .filter(e -> split.reaches(e.revision()))
                .toList();
    }

    /** This snapshot with its endpoints replaced. */
    public AppEndpoints withEndpoints(List<Endpoint> replaced) {
        return new AppEndpoints(app, split, replaced);
    }
}
