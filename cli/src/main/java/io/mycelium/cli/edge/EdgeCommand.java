package io.mycelium.cli.edge;

import io.mycelium.cli.MeshException;
import io.mycelium.cli.fabric.FabricFlags;
import io.mycelium.edge.EdgeConfig;
import io.mycelium.edge.EdgeServer;
import io.mycelium.spore.time.Clock;
import io.mycelium.edge.daemon.EdgeSettings;
import io.mycelium.edge.fabric.FabricEndpointDirectory;
import io.mycelium.edge.fabric.FabricTelemetrySink;
import io.mycelium.edge.fabric.RoutingReports;
import java.time.Duration;
import io.mycelium.edge.observe.AccessLog;
import io.mycelium.edge.tls.EdgeTls;
import io.mycelium.fabric.FabricConfig;
import io.mycelium.fabric.FabricNode;
import io.mycelium.fabric.model.Role;
import io.mycelium.fabric.wire.Keyring;
import io.mycelium.spore.key.TrustStore;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mesh edge}: the edge as a fabric member, until TERM or Ctrl-C. */
@Command(name = "edge",
        header = "Run the HTTP edge: a fabric member (role edge) that routes /{app}/... to the app's Ready instances.",
        description = {
                "",
                "Joins the cluster (cluster key, mDNS on --mdns-interface and/or --join seeds), follows the Ready "
                        + "endpoints of each app's active revision through the fabric, and proxies "
                        + "http://BIND:PORT/{app}/path to them (the /{app} prefix is stripped). Balancing is power of two "
                        + "choices on outstanding requests (p2c) or round robin (rr). Prometheus metrics on /metrics. "
                        + "Settings come from --config FILE (JSON, snake_case names as in the flags, e.g. "
                        + "\"fabric_port\") and flags; a flag wins over the file. Defaults: node id edge, HTTP port 8080, fabric port 7960. Prints 'edge ID ready http=URL' once "
                        + "it listens, then runs until TERM or Ctrl-C.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
                "  mesh edge --cluster-key .mesh/cluster.key --trust .mesh/trust/operators --join 127.0.0.1:7950",
                "  mesh edge --config edge.json --port 8081",
                "  mesh edge --config edge.json --port 8443 --tls-cert certs/shop.crt --tls-key certs/shop.key",
                "  mesh edge --config edge.json --port 8443 --tls-cert /etc/mesh/certs/",
                "  mesh edge --cluster-key cluster.key --trust operators/ --mdns-interface eth0 --bind 0.0.0.0 --balancing rr",
        })
public final class EdgeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    FabricFlags fabric = new FabricFlags();

    @Option(names = "--config", paramLabel = "FILE", description = "A JSON settings file; flags override it.")
    Path config;

    @Option(names = "--port", description = "HTTP port (default: 8080).")
    Integer port;

    @Option(names = "--balancing", description = "p2c (power of two choices, default) or rr (round robin).")
    String balancing;

    @Option(names = "--host-domain", paramLabel = "DOMAIN", description = "Also route {app}.DOMAIN by the Host header.")
    String hostDomain;

    @Option(names = "--timeout-ms", paramLabel = "MS", description = "Upstream timeout (default: 30000).")
    Long timeoutMs;

    @Option(names = "--access-log", paramLabel = "on|off", description = "Access log lines on stderr (default: on).")
    String accessLog;

    @Option(names = "--tls-cert", paramLabel = "FILE|DIR",
            description = "Serve HTTPS with this certificate chain (PEM, leaf first); repeat for more names (chosen by SNI, "
                    + "the first for clients that name none). A DIR stands for each NAME.crt in it with its NAME.key. "
                    + "Changed files are taken without a restart.")
    List<Path> tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE",
            description = "The private key (PEM: PKCS#8, RSA or EC; RSA, EC or Ed25519) of each --tls-cert FILE, in the same order.")
    List<Path> tlsKey;

    @Override
    public Integer call() throws InterruptedException {
        EdgeSettings s = settings();
        PrintWriter out = spec.commandLine().getOut();
        Running running = start(s);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            stopped.countDown();
        }, "edge-shutdown"));
        out.println("edge " + s.nodeIdOrDefault() + " ready http=" + (s.tls() ? "https" : "http") + "://" + s.bindOrDefault() + ":" + running.server().port()
                + " fabric=" + s.bindOrDefault() + ":" + s.fabricPortOrDefault());
        out.flush();
        stopped.await();
        return 0;
    }

    /** The file's settings with the flags on top, checked. */
    EdgeSettings settings() {
        EdgeSettings flags;
        try {
            Boolean log = accessLog == null ? null : switch (accessLog) {
                case "on", "true" -> Boolean.TRUE;
                case "off", "false" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException("--access-log " + accessLog + ": use on or off");
            };
            flags = new EdgeSettings(fabric.cluster, fabric.nodeId, fabric.bind, port, fabric.fabricPort, fabric.clusterKey,
                    fabric.operatorTrust, fabric.dataDir, fabric.join, fabric.mdnsInterface,
                    balancing, hostDomain, timeoutMs, log, tlsCert, tlsKey);
        } catch (IllegalArgumentException e) {
            throw MeshException.usage("mesh edge: " + e.getMessage());
        }
        EdgeSettings s;
        try {
            s = (config == null ? EdgeSettings.empty() : EdgeSettings.read(config)).overriddenBy(flags);
        } catch (IllegalArgumentException e) {
            throw MeshException.usage("mesh edge: " + e.getMessage());
        }
        if (s.clusterKey() == null) {
            throw MeshException.usage("mesh edge: no cluster key: pass --cluster-key FILE (made by mesh fabric keygen) or set cluster_key in --config");
        }
        if (s.operatorTrust() == null) {
            throw MeshException.usage("mesh edge: no operator trust dir: pass --trust DIR (the operator public keys the agents trust)");
        }
        if (!Files.isRegularFile(s.clusterKey())) {
            throw MeshException.notFound("mesh edge: cluster key " + s.clusterKey() + " does not exist; make one with mesh fabric keygen --out FILE");
        }
        if (!Files.isDirectory(s.operatorTrust())) {
            throw MeshException.notFound("mesh edge: operator trust dir " + s.operatorTrust() + " does not exist");
        }
        return s;
    }

    /** How often the edge checks its routing report (in-flight counts to a leaving revision). */
    static final Duration ROUTING_TICK = Duration.ofMillis(50);
    /** How often the edge re-decides every app's split without a fabric change (rollout timers). */
    static final Duration ROLLOUT_REFRESH = Duration.ofMillis(250);

    /** A started edge: its fabric member, its HTTP server and its routing reports. */
    record Running(FabricNode node, EdgeServer server, RoutingReports routing) implements AutoCloseable {
        @Override
        public void close() {
            routing.close();
            server.close();
            node.close();
        }
    }

    /** Joins the fabric and starts the HTTP server; a problem with the settings is one clear line. */
    static Running start(EdgeSettings s) {
        Keyring keyring;
        TrustStore operators;
        try {
            keyring = Keyring.read(s.clusterKey());
            operators = TrustStore.load(s.operatorTrust());
        } catch (RuntimeException e) {
            throw MeshException.rejected("mesh edge: " + e.getMessage());
        }
        String host = s.bindOrDefault();
        EdgeConfig edgeConfig;
        EdgeTls tls;
        try {
            edgeConfig = s.edgeConfig();
            tls = s.certificates().<EdgeTls>map(EdgeTls::server).orElse(EdgeTls.NONE);
        } catch (IllegalArgumentException e) {
            throw MeshException.usage("mesh edge: " + e.getMessage());
        }
        String url = (s.tls() ? "https://" : "http://") + (host.contains(":") ? "[" + host + "]" : host) + ":" + s.portOrDefault();
        FabricConfig fc;
        List<InetSocketAddress> seeds;
        try {
            fc = FabricConfig.builder(s.clusterOrDefault(), s.nodeIdOrDefault(), Role.EDGE, host, s.fabricPortOrDefault())
                    .api(s.portOrDefault(), url).dataDir(s.dataDir()).build();
            seeds = io.mycelium.fabric.discovery.Seeds.parse(s.join());
        } catch (IllegalArgumentException e) {
            throw MeshException.usage("mesh edge: " + e.getMessage());
        }
        FabricNode node;
        try {
            node = FabricNode.start(new FabricNode.Options(fc, keyring, operators, seeds, s.mdnsInterface(), null));
        } catch (UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw MeshException.rejected("mesh edge: cannot join the fabric on " + host + ":" + s.fabricPortOrDefault() + ": "
                    + e.getMessage() + " (is the port in use?)");
        }
        try {
            FabricEndpointDirectory directory = FabricEndpointDirectory.follow(node.fabric());
            AccessLog log = Boolean.FALSE.equals(s.accessLog()) ? AccessLog.NONE : AccessLog.systemLogger();
            EdgeServer server = EdgeServer.start(edgeConfig, directory, new FabricTelemetrySink(node.fabric()), log, Clock.SYSTEM, tls);
            RoutingReports routing = RoutingReports.start(node.fabric(), directory, server.proxy()::inFlight,
                    ROUTING_TICK, ROLLOUT_REFRESH);
            return new Running(node, server, routing);
        } catch (RuntimeException e) {
            node.close();
            throw MeshException.rejected("mesh edge: cannot listen on " + host + ":" + s.portOrDefault() + ": " + e.getMessage()
                    + " (is the port in use? pick another with --port)");
        }
    }
}
