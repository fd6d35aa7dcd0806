package io.mycelium.edge.balance;

import io.mycelium.spore.time.Clock;
import io.mycelium.edge.route.Endpoint;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the edge knows about one endpoint: requests in flight and failure history. Thread-safe;
 * the counters are atomics and the failure bookkeeping is guarded by this object.
 */
public final class Upstream {

    private final String id;
    private volatile Endpoint endpoint;
    /** The endpoint's {@code host:port} and socket address, made once per endpoint version (used per request). */
    private volatile String authority;
    private volatile InetSocketAddress address;
    private final OutlierPolicy policy;
    private final Clock clock;
    private final AtomicInteger inFlight = new AtomicInteger();
    private int consecutiveFailures;
    private int ejections;
    private long ejectedUntil;
    private volatile boolean ejected;
    private volatile boolean clean = true;

    public Upstream(Endpoint endpoint, OutlierPolicy policy, Clock clock) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.authority = endpoint.authority();
        this.id = endpoint.id();
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public String id() {
        return id;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    /** Records the latest version of the endpoint (its address or state may change). */
    public void endpoint(Endpoint latest) {
        Endpoint before = this.endpoint;
        this.endpoint = latest;
        if (!before.host().equals(latest.host()) || before.port() != latest.port()) {
            this.address = null;
            this.authority = latest.authority();
        }
    }

    /** The endpoint's {@code host:port}. */
    public String authority() {
        return authority;
    }

    /** The endpoint's socket address (a host name is resolved on first use). */
    public InetSocketAddress address() {
        InetSocketAddress a = address;
        if (a == null) {
            Endpoint e = endpoint;
            a = new InetSocketAddress(e.host(), e.port());
            address = a;
        }
        return a;
    }

    public int inFlight() {
        return inFlight.get();
    }

    /** Marks a request as started on this endpoint. */
    public void begin() {
        inFlight.incrementAndGet();
    }

    /** Marks a request as finished on this endpoint. */
    public void end() {
        inFlight.decrementAndGet();
    }

    /** Whether the endpoint is ejected now; an expired ejection ends here. */
    public boolean isEjected() {
        if (!ejected) {
            return false;
        }
        synchronized (this) {
            if (ejected && clock.nanoTime() - ejectedUntil >= 0) {
                ejected = false;
            }
            return ejected;
        }
    }

    /** A response came back fine: the failure count and the backoff reset. */
    public void success() {
        if (clean) {
            return;
        }
        synchronized (this) {
            consecutiveFailures = 0;
            ejections = 0;
            clean = true;
        }
    }

    /** A connection failure, timeout or gateway error: may eject the endpoint. */
    public synchronized void failure() {
        clean = false;
        consecutiveFailures++;
        if (consecutiveFailures >= policy.consecutiveFailures()) {
            long base = policy.baseEjection().toNanos();
            long max = policy.maxEjection().toNanos();
            long duration = ejections >= 30 ? max : Math.min(max, base << ejections);
            ejectedUntil = clock.nanoTime() + duration;
            ejected = true;
            ejections++;
            consecutiveFailures = 0;
        }
    }

    @Override
    public String toString() {
        return "Upstream[" + id + " " + authority + " inFlight=" + inFlight.get() + "]";
    }
}
