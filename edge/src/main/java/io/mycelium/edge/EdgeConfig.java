package io.mycelium.edge;

import io.mycelium.edge.balance.BalancingPolicy;
import io.mycelium.edge.balance.OutlierPolicy;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything an {@link EdgeServer} needs to know, with defaults from {@link #builder()}.
 *
 * @param bindAddress         address to listen on
 * @param port                port to listen on (0 picks a free one)
 * @param edgeId              this edge's id, sent upstream as {@code X-Mycelium-Edge}
 * @param stripPrefix         whether {@code /{app}} is removed from the forwarded path
 * @param hostDomain          domain for host-based routing ({@code {app}.<domain>}), or empty
 * @param balancing           how requests are spread over an app's endpoints
 * @param connectTimeout      time allowed to open an upstream connection
 * @param defaultTimeout      upstream timeout for apps without their own: the longest wait for
 *                            the response head and between two body reads
 * @param appTimeouts         per-app upstream timeouts
 * @param maxHeaderBytes      largest request header block accepted (431 above it)
 * @param maxPrologueBytes    longest request line accepted
 * @param clientReadTimeout   longest wait for a client's request head, and idle time after which
 *                            a keep-alive client connection is closed
 * @param maxClientConnections most client connections open at once (further ones wait in the
 *                            accept backlog); bounds what clients that never send a byte can hold
 * @param outlier             passive outlier ejection
 * @param upstreamIdleTimeout idle pooled connections older than this are not reused
 * @param maxIdlePerEndpoint  most idle connections kept per endpoint
 * @param telemetryInterval   how often per-app latency is published
 * @param metricsPath         where Prometheus metrics are served
 */
public record EdgeConfig(
        String bindAddress,
        int port,
        String edgeId,
        boolean stripPrefix,
        Optional<String> hostDomain,
        BalancingPolicy balancing,
        Duration connectTimeout,
        Duration defaultTimeout,
        Map<String, Duration> appTimeouts,
        int maxHeaderBytes,
        int maxPrologueBytes,
        Duration clientReadTimeout,
        int maxClientConnections,
        OutlierPolicy outlier,
        Duration upstreamIdleTimeout,
        int maxIdlePerEndpoint,
        Duration telemetryInterval,
        String metricsPath) {

    public EdgeConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(edgeId, "edgeId");
        Objects.requireNonNull(hostDomain, "hostDomain");
        Objects.requireNonNull(balancing, "balancing");
        Objects.requireNonNull(outlier, "outlier");
        Objects.requireNonNull(metricsPath, "metricsPath");
        appTimeouts = Map.copyOf(appTimeouts);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("edge port " + port + " is not in 0..65535");
        }
        positive("connectTimeout", connectTimeout);
        positive("defaultTimeout", defaultTimeout);
        positive("clientReadTimeout", clientReadTimeout);
        positive("upstreamIdleTimeout", upstreamIdleTimeout);
        positive("telemetryInterval", telemetryInterval);
        appTimeouts.forEach((app, t) -> positive("timeout of app " + app, t));
        if (maxHeaderBytes < 1024) {
            throw new IllegalArgumentException("maxHeaderBytes " + maxHeaderBytes + " is below 1024");
        }
        if (maxPrologueBytes < 256) {
            throw new IllegalArgumentException("maxPrologueBytes " + maxPrologueBytes + " is below 256");
        }
        if (maxClientConnections < 1) {
            throw new IllegalArgumentException("maxClientConnections " + maxClientConnections + " must be >= 1");
        }
        if (maxIdlePerEndpoint < 0) {
            throw new IllegalArgumentException("maxIdlePerEndpoint " + maxIdlePerEndpoint + " is negative");
        }
        if (!metricsPath.startsWith("/")) {
            throw new IllegalArgumentException("metricsPath " + metricsPath + " must start with '/'");
        }
        hostDomain.ifPresent(d -> {
            if (d.isBlank() || d.startsWith(".")) {
                throw new IllegalArgumentException("hostDomain '" + d + "' must be a domain like apps.example");
            }
        });
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " " + d + " must be positive");
        }
    }

    /** The upstream timeout of {@code app}. */
    public Duration timeout(String app) {
        return appTimeouts.getOrDefault(app, defaultTimeout);
    }

    /** A builder with the defaults: 127.0.0.1:8080, prefix stripping, power of two choices. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link EdgeConfig}; not thread-safe. */
    public static final class Builder {
        private String bindAddress = "127.0.0.1";
        private int port = 8080;
        private String edgeId = "edge";
        private boolean stripPrefix = true;
        private Optional<String> hostDomain = Optional.empty();
        private BalancingPolicy balancing = BalancingPolicy.POWER_OF_TWO;
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration defaultTimeout = Duration.ofSeconds(30);
        private final Map<String, Duration> appTimeouts = new HashMap<>();
        private int maxHeaderBytes = 16 * 1024;
        private int maxPrologueBytes = 4096;
        private Duration clientReadTimeout = Duration.ofSeconds(20);
        private int maxClientConnections = 10_000;
        private OutlierPolicy outlier = OutlierPolicy.defaults();
        private Duration upstreamIdleTimeout = Duration.ofSeconds(4);
        private int maxIdlePerEndpoint = 256;
        private Duration telemetryInterval = Duration.ofSeconds(2); // the rollout analysis reads these windows
        private String metricsPath = "/metrics";

        private Builder() {
        }

        public Builder bindAddress(String v) { bindAddress = v; return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder edgeId(String v) { edgeId = v; return this; }
        public Builder stripPrefix(boolean v) { stripPrefix = v; return this; }
        public Builder hostDomain(String v) { hostDomain = Optional.ofNullable(v); return this; }
        public Builder balancing(BalancingPolicy v) { balancing = v; return this; }
        public Builder connectTimeout(Duration v) { connectTimeout = v; return this; }
        public Builder defaultTimeout(Duration v) { defaultTimeout = v; return this; }
        public Builder appTimeout(String app, Duration v) { appTimeouts.put(app, v); return this; }
        public Builder maxHeaderBytes(int v) { maxHeaderBytes = v; return this; }
        public Builder maxPrologueBytes(int v) { maxPrologueBytes = v; return this; }
        public Builder clientReadTimeout(Duration v) { clientReadTimeout = v; return this; }
        public Builder maxClientConnections(int v) { maxClientConnections = v; return this; }
        public Builder outlier(OutlierPolicy v) { outlier = v; return this; }
        public Builder upstreamIdleTimeout(Duration v) { upstreamIdleTimeout = v; return this; }
        public Builder maxIdlePerEndpoint(int v) { maxIdlePerEndpoint = v; return this; }
        public Builder telemetryInterval(Duration v) { telemetryInterval = v; return this; }
        public Builder metricsPath(String v) { metricsPath = v; return this; }

        public EdgeConfig build() {
            return new EdgeConfig(bindAddress, port, edgeId, stripPrefix, hostDomain, balancing, connectTimeout,
                    defaultTimeout, appTimeouts, maxHeaderBytes, maxPrologueBytes, clientReadTimeout, maxClientConnections, outlier,
                    upstreamIdleTimeout, maxIdlePerEndpoint, telemetryInterval, metricsPath);
        }
    }
}
