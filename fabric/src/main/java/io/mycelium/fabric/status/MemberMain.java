package io.mycelium.fabric.status;

import io.mycelium.fabric.FabricConfig;
import io.mycelium.fabric.FabricNode;
import io.mycelium.fabric.model.Role;
import io.mycelium.fabric.wire.Keyring;
import io.mycelium.spore.key.TrustStore;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs one bare fabric member with a read-only status server, until TERM. Flags:
 * {@code --cluster NAME --node-id ID --role agent|edge|console --bind HOST --fabric-port P
 * --api-port P --cluster-key FILE [--trust DIR] [--join HOST:PORT]... [--mdns-interface IF]
 * [--data-dir DIR] [--label k=v]... [--ping-interval-ms N] [--ping-timeout-ms N] [--suspicion-mult N]}. Prints {@code ready <id> fabric=<host:port> status=<url>} when up.
 */
public final class MemberMain {
    private MemberMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, true));
    }

    /** Runs until the JVM is asked to stop (if {@code block}); returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err, boolean block) {
        Map<String, List<String>> flags;
        try {
            flags = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("mesh fabric member: " + e.getMessage());
            return 2;
        }
        try {
            String cluster = one(flags, "cluster", "mycelium");
            String nodeId = one(flags, "node-id", null);
            Role role = Role.parse(one(flags, "role", "agent"));
            String bind = one(flags, "bind", "127.0.0.1");
            int fabricPort = Integer.parseInt(one(flags, "fabric-port", "7946"));
            int apiPort = Integer.parseInt(one(flags, "api-port", "7070"));
            Keyring keyring = Keyring.read(Path.of(one(flags, "cluster-key", null)));
            String trustDir = one(flags, "trust", "");
            TrustStore trust = trustDir.isEmpty() ? TrustStore.of() : TrustStore.load(Path.of(trustDir));
            List<InetSocketAddress> join = io.mycelium.fabric.discovery.Seeds.parse(flags.getOrDefault("join", List.of()));
            Map<String, String> labels = new HashMap<>();
            for (String l : flags.getOrDefault("label", List.of())) {
                String[] kv = l.split("=", 2);
                if (kv.length != 2) {
                    throw new IllegalArgumentException("--label " + l + ": expected key=value");
                }
                labels.put(kv[0], kv[1]);
            }
            String dataDir = one(flags, "data-dir", "");
            String statusUrl = "http://" + bind + ":" + apiPort;
            FabricConfig config = FabricConfig.of(cluster, nodeId, role, bind, fabricPort)
                    .withApi(apiPort, statusUrl).withLabels(labels)
                    .withDataDir(dataDir.isEmpty() ? null : Path.of(dataDir));
            var lan = io.mycelium.fabric.membership.ScaleCubeMembership.Tuning.LAN;
            var tuning = new io.mycelium.fabric.membership.ScaleCubeMembership.Tuning(
                    Integer.parseInt(one(flags, "ping-interval-ms", Integer.toString(lan.pingIntervalMs()))),
                    Integer.parseInt(one(flags, "ping-timeout-ms", Integer.toString(lan.pingTimeoutMs()))),
                    lan.pingReqMembers(),
                    Integer.parseInt(one(flags, "suspicion-mult", Integer.toString(lan.suspicionMult()))),
                    lan.syncIntervalMs());
            FabricNode node = FabricNode.start(new FabricNode.Options(config, keyring, trust, join,
                    one(flags, "mdns-interface", null), tuning));
            StatusServer status = new StatusServer(node.fabric(), bind, apiPort);
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                status.close();
                node.close();
                stopped.countDown();
            }, "fabric-shutdown"));
            out.println("ready " + nodeId + " fabric=" + bind + ":" + fabricPort + " status=" + statusUrl);
            out.flush();
            if (block) {
                stopped.await();
            }
            return 0;
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("mesh fabric member: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println("mesh fabric member: cannot start: " + e.getMessage());
            return 1;
        }
    }

    private static String one(Map<String, List<String>> flags, String name, String dflt) {
        List<String> v = flags.get(name);
        if (v == null || v.isEmpty()) {
            if (dflt == null) {
                throw new IllegalArgumentException("--" + name + " is required");
            }
            return dflt;
        }
        return v.getLast();
    }

    static Map<String, List<String>> parse(String[] args) {
        Map<String, List<String>> flags = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + a + "'");
            }
            String name = a.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            flags.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return flags;
    }
}
