package io.mycelium.edge.daemon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mycelium.edge.EdgeConfig;
import io.mycelium.edge.balance.BalancingPolicy;
import io.mycelium.fabric.model.Names;
import io.mycelium.spore.json.JsonMappers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The settings of one edge daemon ({@code mesh edge}), from a JSON config file (snake_case names, e.g.
 * {@code "fabric_port"}) and/or flags; a flag overrides the file. Null means "the default".
 *
 * @param cluster       cluster name (default mycelium)
 * @param nodeId        this edge's id in the fabric (default edge)
 * @param bind          address the HTTP listener and the fabric bind and advertise (default 127.0.0.1)
 * @param port          HTTP port (default 8080)
 * @param fabricPort    fabric TCP port (default 7960)
 * @param clusterKey    the cluster keyring file (required)
 * @param operatorTrust directory of operator public keys (required: plans name the active revision)
 * @param dataDir       where fabric state and known peers are kept; null keeps nothing
 * @param join          static seeds host:port
 * @param mdnsInterface interface name or address for mDNS; null for none
 * @param balancing     p2c (default) or rr
 * @param hostDomain    domain for host-based routing ({@code {app}.<domain>}); null for path routing only
 * @param timeoutMs     upstream timeout per request (default 30000)
 * @param accessLog     whether to write access log lines (default true)
 * @param tlsCert       certificate chain files (PEM) or directories of {@code NAME.crt} + {@code NAME.key}; empty: plain HTTP
 * @param tlsKey        the key file of each certificate file in {@code tlsCert}, in the same order
 */
public record EdgeSettings(String cluster, String nodeId, String bind, Integer port, Integer fabricPort, Path clusterKey,
                           Path operatorTrust, Path dataDir, List<String> join, String mdnsInterface, String balancing,
                           String hostDomain, Long timeoutMs, Boolean accessLog, List<Path> tlsCert, List<Path> tlsKey) {
    private static final ObjectMapper JSON = JsonMappers.configFile();

    /** Settings without TLS (plain HTTP). */
    public EdgeSettings(String cluster, String nodeId, String bind, Integer port, Integer fabricPort, Path clusterKey,
                        Path operatorTrust, Path dataDir, List<String> join, String mdnsInterface, String balancing,
                        String hostDomain, Long timeoutMs, Boolean accessLog) {
        this(cluster, nodeId, bind, port, fabricPort, clusterKey, operatorTrust, dataDir, join, mdnsInterface, balancing,
                hostDomain, timeoutMs, accessLog, null, null);
    }

    public EdgeSettings {
        join = join == null ? List.of() : List.copyOf(join);
        tlsCert = tlsCert == null ? List.of() : List.copyOf(tlsCert);
        tlsKey = tlsKey == null ? List.of() : List.copyOf(tlsKey);
        if (balancing != null) {
            balancing = balancing.toLowerCase(Locale.ROOT);
            if (!balancing.equals("p2c") && !balancing.equals("rr")) {
                throw new IllegalArgumentException("balancing '" + balancing + "' must be p2c (power of two choices) or rr (round robin)");
            }
        }
        if (nodeId != null) {
            Names.require("node_id", nodeId);
        }
        if (port != null && (port < 0 || port > 65535)) {
            throw new IllegalArgumentException("port " + port + " must be 0-65535");
        }
        if (fabricPort != null && (fabricPort < 1 || fabricPort > 65535)) {
            throw new IllegalArgumentException("fabric_port " + fabricPort + " must be 1-65535 (peers must know it)");
        }
        if (timeoutMs != null && timeoutMs <= 0) {
            throw new IllegalArgumentException("timeout_ms " + timeoutMs + " must be positive");
        }
    }

    /** No settings at all: every default. */
    public static EdgeSettings empty() {
        return new EdgeSettings(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Reads a JSON config file; a bad file is an {@link IllegalArgumentException} naming the file and the field. */
    public static EdgeSettings read(Path file) {
        try {
            return JSON.readValue(Files.readString(file), EdgeSettings.class);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("edge config " + file + " does not exist");
        } catch (IOException e) {
            String msg = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            if (e.getCause() instanceof IllegalArgumentException c) {
                msg = c.getMessage();
            }
            throw new IllegalArgumentException("edge config " + file + ": " + msg);
        }
    }

    /** Writes these settings as JSON (mesh up writes one per edge it starts). */
    public void write(Path file) throws IOException {
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this));
    }

    /** These settings with every non-null value of {@code over} taking precedence. */
    public EdgeSettings overriddenBy(EdgeSettings over) {
        return new EdgeSettings(pick(over.cluster, cluster), pick(over.nodeId, nodeId), pick(over.bind, bind), pick(over.port, port),
                pick(over.fabricPort, fabricPort), pick(over.clusterKey, clusterKey), pick(over.operatorTrust, operatorTrust),
                pick(over.dataDir, dataDir), over.join.isEmpty() ? join : over.join, pick(over.mdnsInterface, mdnsInterface),
                pick(over.balancing, balancing), pick(over.hostDomain, hostDomain), pick(over.timeoutMs, timeoutMs),
                pick(over.accessLog, accessLog), over.tlsCert.isEmpty() ? tlsCert : over.tlsCert,
                over.tlsCert.isEmpty() && over.tlsKey.isEmpty() ? tlsKey : over.tlsKey);
    }

    /** Whether the listener speaks TLS. */
    public boolean tls() {
        return !tlsCert.isEmpty();
    }

    /** The listener's certificates, loaded; empty for plain HTTP. A file that does not load is an {@link IllegalArgumentException}. */
    public java.util.Optional<io.mycelium.edge.tls.CertificateFiles> certificates() {
        if (!tls()) {
            if (!tlsKey.isEmpty()) {
                throw new IllegalArgumentException("tls_key without tls_cert: give --tls-cert FILE for each --tls-key FILE");
            }
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(io.mycelium.edge.tls.CertificateFiles.load(tlsCert, tlsKey));
    }

    private static <T> T pick(T a, T b) {
        return a != null ? a : b;
    }

    public String clusterOrDefault() {
        return cluster != null ? cluster : "mycelium";
    }

    public String nodeIdOrDefault() {
        return nodeId != null ? nodeId : "edge";
    }

    public String bindOrDefault() {
        return bind != null ? bind : "127.0.0.1";
    }

    public int portOrDefault() {
        return port != null ? port : 8080;
    }

    public int fabricPortOrDefault() {
        return fabricPort != null ? fabricPort : 7960;
    }

    /** The HTTP server's config these settings give; an inconsistent value is an {@link IllegalArgumentException}. */
    public EdgeConfig edgeConfig() {
        EdgeConfig.Builder b = EdgeConfig.builder().bindAddress(bindOrDefault()).port(portOrDefault()).edgeId(nodeIdOrDefault())
                .hostDomain(hostDomain)
                .balancing("rr".equals(balancing) ? BalancingPolicy.ROUND_ROBIN : BalancingPolicy.POWER_OF_TWO);
        if (timeoutMs != null) {
            b.defaultTimeout(Duration.ofMillis(timeoutMs));
        }
        return b.build();
    }
}
