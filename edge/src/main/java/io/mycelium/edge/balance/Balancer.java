package io.mycelium.edge.balance;

import java.util.List;

/**
 * Picks an endpoint for one request. Implementations are thread-safe and called concurrently.
 */
public interface Balancer {

    /**
     * Picks one of {@code candidates}, skipping {@code avoid} (the endpoint that just failed, on a
     * retry) when there is another choice.
     *
     * @param candidates non-empty list of endpoints that may take the request
     * @param avoid      an endpoint to skip, or null
     * @return the chosen endpoint
     */
    Upstream pick(List<Upstream> candidates, Upstream avoid);
}
