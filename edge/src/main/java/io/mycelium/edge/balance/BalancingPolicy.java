package io.mycelium.edge.balance;

/** How an app's requests are spread over its endpoints. */
public enum BalancingPolicy {
    /** Two endpoints chosen at random; the one with fewer requests in flight wins. */
    POWER_OF_TWO,
    /** Each endpoint in turn. */
    ROUND_ROBIN;

    /** A new balancer for this policy. */
    public Balancer newBalancer() {
        return switch (this) {
            case POWER_OF_TWO -> new PowerOfTwoChoices();
            case ROUND_ROBIN -> new RoundRobin();
        };
    }
}
