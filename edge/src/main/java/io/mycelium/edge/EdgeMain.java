package io.mycelium.edge;

import io.mycelium.edge.balance.BalancingPolicy;
import io.mycelium.edge.observe.AccessLog;
import io.mycelium.edge.observe.TelemetrySink;
import io.mycelium.edge.route.Endpoint;
import io.mycelium.edge.route.InMemoryEndpointDirectory;
import io.mycelium.edge.tls.CertificateFiles;
import io.mycelium.edge.tls.EdgeTls;
import io.mycelium.spore.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A standalone edge with static routes, for the benchmark ({@code bench/edge.sh}) and local trials;
 * the cluster's edge is {@code mesh edge}, which routes from the fabric's endpoints instead.
 */
@Command(name = "edge-static", mixinStandardHelpOptions = true, sortOptions = false,
        description = "An edge with static routes and no fabric (the benchmark's edge; a cluster uses mesh edge).",
        footer = {"", "Example:", "  java -cp CP io.mycelium.edge.EdgeMain --port 8080 --route billing=127.0.0.1:9001,127.0.0.1:9002 --access-log off"})
public final class EdgeMain implements Callable<Integer> {
    @Option(names = "--port", description = "HTTP port (default: ${DEFAULT-VALUE}).", defaultValue = "8080")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "Address to listen on (default: ${DEFAULT-VALUE}).",
            defaultValue = "127.0.0.1")
    String bind;

    @Option(names = "--route", paramLabel = "APP=HOST:PORT[,HOST:PORT...]", required = true,
            description = "Send /APP/... to these backends; repeat for more apps.")
    List<String> routes;

    @Option(names = "--balancing", paramLabel = "p2c|rr", description = "p2c (power of two choices, default) or rr (round robin).",
            defaultValue = "p2c")
    String balancing;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "Upstream timeout, e.g. 500ms or 30s (default: 30s).")
    String timeout;

    @Option(names = "--edge-id", paramLabel = "ID", description = "This edge's name in its metrics.")
    String edgeId;

    @Option(names = "--host-domain", paramLabel = "DOMAIN", description = "Also route {app}.DOMAIN by the Host header.")
    String hostDomain;

    @Option(names = "--access-log", paramLabel = "on|off", description = "Access log lines on stderr (default: on).", defaultValue = "on")
    String accessLog;

    @Option(names = "--tls-cert", paramLabel = "FILE|DIR",
            description = "Serve HTTPS with this certificate chain (PEM); repeat for more names (by SNI); a DIR holds NAME.crt + NAME.key.")
    List<java.nio.file.Path> tlsCert = new ArrayList<>();

    @Option(names = "--tls-key", paramLabel = "FILE", description = "The private key (PEM) of each --tls-cert FILE, in order.")
    List<java.nio.file.Path> tlsKey = new ArrayList<>();

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line: usage mistakes (picocli's and bad values) exit 2 with one line. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new EdgeMain());
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof IllegalArgumentException) {
                line.getErr().println("edge: " + e.getMessage() + " (see --help)");
                return 2;
            }
            throw e;
        });
        return cl;
    }

    @Override
    public Integer call() throws InterruptedException {
        EdgeConfig.Builder config = EdgeConfig.builder().port(port).bindAddress(bind).balancing(switch (balancing) {
            case "p2c" -> BalancingPolicy.POWER_OF_TWO;
            case "rr" -> BalancingPolicy.ROUND_ROBIN;
            default -> throw new IllegalArgumentException("--balancing " + balancing + ": use p2c or rr");
        });
        if (timeout != null) {
            config.defaultTimeout(duration(timeout));
        }
        if (edgeId != null) {
            config.edgeId(edgeId);
        }
        if (hostDomain != null) {
            config.hostDomain(hostDomain);
        }
        InMemoryEndpointDirectory directory = new InMemoryEndpointDirectory();
        for (String r : routes) {
            route(directory, r);
        }
        AccessLog log = switch (accessLog) {
            case "on" -> AccessLog.systemLogger();
            case "off" -> AccessLog.NONE;
            default -> throw new IllegalArgumentException("--access-log " + accessLog + ": use on or off");
        };
        EdgeTls tls = tlsCert.isEmpty() && tlsKey.isEmpty() ? EdgeTls.NONE : EdgeTls.server(CertificateFiles.load(tlsCert, tlsKey));
        EdgeServer edge = EdgeServer.start(config.build(), directory, TelemetrySink.NONE, log, Clock.SYSTEM, tls);
        System.out.println("edge listening on port " + edge.port() + (tls == EdgeTls.NONE ? "" : " (TLS)"));
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            edge.close();
            stop.countDown();
        }, "edge-shutdown"));
        stop.await();
        return 0;
    }

    static void route(InMemoryEndpointDirectory directory, String spec) {
        int eq = spec.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("--route " + spec + ": use app=host:port[,host:port...]");
        }
        String app = spec.substring(0, eq);
        List<Endpoint> endpoints = new ArrayList<>();
        int n = 0;
        for (String target : spec.substring(eq + 1).split(",")) {
            int colon = target.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("--route " + spec + ": '" + target + "' is not host:port");
            }
            int p;
            try {
                p = Integer.parseInt(target.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--route " + spec + ": '" + target.substring(colon + 1) + "' is not a port");
            }
            endpoints.add(Endpoint.ready(app + "-" + n++, target.substring(0, colon), p, "static"));
        }
        directory.put(app, endpoints);
    }

    static Duration duration(String v) {
        String s = v.toLowerCase(Locale.ROOT);
        try {
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
            }
            if (s.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1)));
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("--timeout " + v + ": use e.g. 500ms or 30s");
    }
}
