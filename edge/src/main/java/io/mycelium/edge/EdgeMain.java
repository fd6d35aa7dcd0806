package io.mycelium.edge;

import io.mycelium.edge.balance.BalancingPolicy;
import io.mycelium.edge.observe.AccessLog;
import io.mycelium.edge.observe.TelemetrySink;
import io.mycelium.edge.route.Endpoint;
import io.mycelium.edge.route.InMemoryEndpointDirectory;
import io.mycelium.spore.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * A standalone edge with static routes, for the benchmark and local trials (the cluster's edge
 * is started by {@code mesh edge} with the fabric's directory instead).
 *
 * <pre>
 * java io.mycelium.edge.EdgeMain --port 8080 --route billing=127.0.0.1:9001,127.0.0.1:9002 [--access-log off]
 *      [--bind 127.0.0.1] [--balancing p2c|rr] [--timeout 30s] [--edge-id edge-1] [--host-domain apps.local]
 * </pre>
 */
public final class EdgeMain {

    private EdgeMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        EdgeConfig.Builder config = EdgeConfig.builder();
        InMemoryEndpointDirectory directory = new InMemoryEndpointDirectory();
        AccessLog accessLog = AccessLog.systemLogger();
        try {
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(flag + " needs a value");
                }
                String value = args[++i];
                switch (flag) {
                    case "--port" -> config.port(Integer.parseInt(value));
                    case "--bind" -> config.bindAddress(value);
                    case "--edge-id" -> config.edgeId(value);
                    case "--host-domain" -> config.hostDomain(value);
                    case "--timeout" -> config.defaultTimeout(duration(value));
                    case "--balancing" -> config.balancing(switch (value) {
                        case "p2c" -> BalancingPolicy.POWER_OF_TWO;
                        case "rr" -> BalancingPolicy.ROUND_ROBIN;
                        default -> throw new IllegalArgumentException("--balancing " + value + ": use p2c or rr");
                    });
                    case "--access-log" -> accessLog = value.equals("off") ? AccessLog.NONE : AccessLog.systemLogger();
                    case "--route" -> route(directory, value);
                    default -> throw new IllegalArgumentException("unknown option " + flag);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("edge: " + e.getMessage() + " (see the EdgeMain Javadoc for the options)");
            System.exit(2);
            return;
        }
        EdgeServer edge = EdgeServer.start(config.build(), directory, TelemetrySink.NONE, accessLog, Clock.SYSTEM);
        System.out.println("edge listening on port " + edge.port());
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            edge.close();
            stop.countDown();
        }, "edge-shutdown"));
        stop.await();
    }

    private static void route(InMemoryEndpointDirectory directory, String spec) {
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
            endpoints.add(Endpoint.ready(app + "-" + n++, target.substring(0, colon),
                    Integer.parseInt(target.substring(colon + 1)), "static"));
        }
        directory.put(app, endpoints);
    }

    private static Duration duration(String v) {
        String s = v.toLowerCase(Locale.ROOT);
        if (s.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
        }
        if (s.endsWith("s")) {
            return Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1)));
        }
        throw new IllegalArgumentException("duration " + v + ": use e.g. 500ms or 30s");
    }
}
