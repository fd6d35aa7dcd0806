package io.mycelium.cli.up;

import io.mycelium.agent.daemon.AgentConfig;
import io.mycelium.agent.daemon.AgentMain;
import io.mycelium.agent.daemon.Leftovers;
import io.mycelium.cli.MeshException;
import io.mycelium.client.api.ApiDocuments;
import io.mycelium.client.http.AgentClient;
import io.mycelium.client.http.ClientException;
import io.mycelium.client.http.HttpProbe;
import io.mycelium.edge.daemon.EdgeSettings;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.fabric.state.Hlc;
import io.mycelium.fabric.state.OperatorRecords;
import io.mycelium.fabric.wire.Keyring;
import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.key.SigningKey;
import io.mycelium.spore.key.VerifyingKey;
import io.mycelium.spore.manifest.Manifest;
import io.mycelium.spore.verify.SporeVerifier;
import io.mycelium.spore.key.TrustStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The running part of {@code mesh up}: the cluster and operator keys, N agents and one edge as child
 * processes on loopback, publishing the example spores to every agent, applying their plans and
 * waiting until they are Ready. {@link #close} stops every child it started, by PID. Not thread-safe
 * except {@link #close}, which may run on a shutdown hook while the main thread waits.
 */
final class LocalMesh implements AutoCloseable {
    /** How agents find each other. */
    enum Discovery { BOTH, MDNS, SEEDS }

    /**
     * @param agents         how many agents
     * @param edgePort       the edge's HTTP port
     * @param apiPortBase    agent i's API listens on apiPortBase + i (the first on the CLI's default 7070)
     * @param fabricPortBase agent i's fabric port is fabricPortBase + i; the edge's is fabricPortBase + agents
     * @param workloadPortBase agent i gives its instances ports from workloadPortBase + 500 i (500 each)
     * @param discovery      mDNS on loopback, static seeds, or both
     * @param timeout        how long to wait for each phase
     * @param hyphaePortBase agent i's hyphae router (its workloads' MYCELIUM_HYPHAE) listens on hyphaePortBase + i
     */
    record Settings(int agents, int edgePort, int apiPortBase, int fabricPortBase, int workloadPortBase, Discovery discovery,
                    Duration timeout, int hyphaePortBase) {
        Settings {
            if (agents < 1 || agents > 20) {
                throw MeshException.usage("--agents " + agents + ": use 1 to 20 on one machine");
            }
            Objects.requireNonNull(discovery, "discovery");
            Objects.requireNonNull(timeout, "timeout");
        }

        String api(int i) {
            return "http://127.0.0.1:" + (apiPortBase + i);
        }

        /** Agent i's hyphae router, as its workloads see it. */
        String hyphae(int i) {
            return "http://127.0.0.1:" + (hyphaePortBase + i);
        }

        String edgeUrl() {
            return "http://127.0.0.1:" + edgePort;
        }
    }

    /** One example app to run: its plan's spore and instance count. */
    record AppToRun(String app, String version, Digest digest, Path spore, int instances) {
    }

    private final WorkDir dir;
    private final Settings settings;
    private final Consumer<String> progress;
    /** One client per agent, made when the agents start. */
    private final List<AgentClient> clients = new ArrayList<>();
    private final List<Child> children = new ArrayList<>();
    private final Hlc hlc = new Hlc(System::currentTimeMillis);
    private SigningKey operator;
    private boolean closed;

    LocalMesh(WorkDir dir, Settings settings, Consumer<String> progress) {
        this.dir = Objects.requireNonNull(dir, "dir");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    static String agentId(int i) {
        return "agent-" + (i + 1);
    }

    /** The cluster key, this cluster's name and the operator key: made on the first run, reused after. */
    void keys() throws IOException {
        Files.createDirectories(dir.keys());
        boolean made = false;
        if (!Files.exists(dir.clusterKey())) {
            Files.writeString(dir.clusterKey(), Keyring.newKeyringText("up"), StandardCharsets.US_ASCII);
            made = true;
        }
        Keyring.read(dir.clusterKey());
        if (!Files.exists(dir.clusterName())) {
            byte[] b = new byte[3];
            ThreadLocalRandom.current().nextBytes(b);
            Files.writeString(dir.clusterName(), "up-" + HexFormat.of().formatHex(b) + "\n", StandardCharsets.US_ASCII);
        }
        if (!Files.exists(dir.operatorKey())) {
            SigningKey.generate().writePair(dir.keys(), "operator");
            made = true;
        }
        operator = SigningKey.read(dir.operatorKey());
        Files.createDirectories(dir.operatorTrust());
        Path trusted = dir.operatorTrust().resolve("operator.pub");
        if (!Files.exists(trusted) || !VerifyingKey.read(trusted).equals(operator.verifyingKey())) {
            Files.writeString(trusted, operator.verifyingKey().toPem(), StandardCharsets.US_ASCII);
        }
        progress.accept(String.format("%-16s %s %s (id %s), cluster %s, key %s", "operator key", made ? "created" : "reused ",
                dir.operatorKey(), operator.id().shortForm(), clusterName(), dir.clusterKey()));
    }

    String clusterName() throws IOException {
        return Files.readString(dir.clusterName(), StandardCharsets.US_ASCII).strip();
    }

    /** Whether the loopback interface exists and is up, so JmDNS can bind to it. */
    static boolean loopbackMdnsAvailable() {
        try {
            NetworkInterface lo = NetworkInterface.getByName("lo");
            return lo != null && lo.isUp();
        } catch (SocketException e) {
            return false;
        }
    }

    /** Starts the agents and the edge, and waits until each answers and all see each other. */
    void start() throws IOException, InterruptedException {
        stopLeftovers();
        checkPortsFree();
        Discovery d = settings.discovery();
        if (d != Discovery.SEEDS && !loopbackMdnsAvailable()) {
            progress.accept("discovery        loopback 'lo' is not available for mDNS here: static seeds only");
            d = Discovery.SEEDS;
        }
        String seed = "127.0.0.1:" + settings.fabricPortBase();
        progress.accept("discovery        " + switch (d) {
            case BOTH -> "mDNS on lo, plus the static seed " + seed + " (joins faster on a loaded machine)";
            case MDNS -> "mDNS on lo only";
            case SEEDS -> "static seed " + seed + " (no mDNS)";
        });
        if (Child.niceAllowed()) {
            progress.accept("priority         agents and edge run at nice -10 (the failure detector needs CPU promptly)");
        } else {
            progress.accept("priority         normal (nice -10 needs root or CAP_SYS_NICE; under heavy load members may flap)");
        }
        Files.createDirectories(dir.agents());
        String user = workloadUser();
        String cluster = clusterName();
        for (int i = 0; i < settings.agents(); i++) {
            String id = agentId(i);
            int first = settings.workloadPortBase() + 500 * i;
            List<String> join = d == Discovery.MDNS || i == 0 ? List.of() : List.of(seed);
            AgentConfig c = AgentConfig.builder(id, settings.fabricPortBase() + i, dir.agents().resolve(id).toAbsolutePath(),
                            dir.clusterKey().toAbsolutePath(), dir.operatorTrust().toAbsolutePath(), dir.trust().toAbsolutePath())
                    .cluster(cluster).bind("127.0.0.1").apiPort(settings.apiPortBase() + i).join(join)
                    .hyphae("127.0.0.1:" + (settings.hyphaePortBase() + i))
                    .mdnsInterface(d == Discovery.SEEDS ? null : "lo").labels(Map.of("up", "true"))
                    .portFirst(first).portLast(first + 499).drainMs(1_500).stopGraceMs(5_000).workloadUser(user).cgroupRoot("mycelium-" + cluster + "-" + id)
                    .stopWorkloadsOnExit(true).build();
            Path config = dir.agents().resolve(id + ".json");
            c.write(config);
            children.add(Child.start(id, Child.agentJvmFlags(dir.root().resolve("cds"), id), AgentMain.class.getName(), List.of("--config", config.toAbsolutePath().toString()),
                    dir.logs().resolve(id + ".log").toAbsolutePath()));
            clients.add(new AgentClient(settings.api(i), null));
        }
        EdgeSettings edge = new EdgeSettings(cluster, "edge", "127.0.0.1", settings.edgePort(), settings.fabricPortBase() + settings.agents(),
                dir.clusterKey().toAbsolutePath(), dir.operatorTrust().toAbsolutePath(), dir.root().resolve("edge").toAbsolutePath(),
                d == Discovery.MDNS ? List.of() : List.of(seed), d == Discovery.SEEDS ? null : "lo", null, null, null, true);
        Path edgeConfig = dir.root().resolve("edge.json");
        edge.write(edgeConfig);
        children.add(Child.start("edge", Child.EDGE_JVM_FLAGS, "io.mycelium.cli.Main", List.of("edge", "--config", edgeConfig.toAbsolutePath().toString()),
                dir.logs().resolve("edge.log").toAbsolutePath()));
        writePids();
        progress.accept(String.format("%-16s %d agents and 1 edge started (PIDs %s); logs in %s", "processes", settings.agents(),
                children.stream().map(c -> c.name() + "=" + c.pid()).toList(), dir.logs().toAbsolutePath()));

        for (int i = 0; i < settings.agents(); i++) {
            AgentClient agent = clients.get(i);
            await(children.get(i).name() + " API at " + settings.api(i), agent::ready);
        }
        await("edge at " + settings.edgeUrl(), () -> HttpProbe.answers200(settings.edgeUrl() + "/metrics"));
        int members = settings.agents() + 1;
        await("the fabric: " + members + " members (" + settings.agents() + " agents, 1 edge) seeing each other", () -> {
            for (int i = 0; i < settings.agents(); i++) {
                if (alive(i) < members) {
                    return false;
                }
            }
            return true;
        }, () -> "agent-1 sees " + alive(0) + " of " + members);
    }

    /**
     * As root, agents run workloads as {@code nobody}, who must be able to pass through every
     * directory above the work dir; when it cannot (a checkout under /root), the demo runs them as
     * root and says so once.
     */
    private String workloadUser() throws IOException {
        if (!runsAsRoot()) {
            return null;
        }
        for (Path p = dir.agents().toAbsolutePath(); p != null; p = p.getParent()) {
            if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                progress.accept("workloads        run as root: user nobody cannot enter " + p + " (chmod o+x it, or use --dir under /var/tmp, "
                        + "to run them as nobody)");
                return "root";
            }
        }
        progress.accept("workloads        run as user nobody (mesh up runs as root)");
        return "nobody";
    }

    /** Whether this JVM runs as root (uid 0): only then can agents run workloads as another user. */
    private static boolean runsAsRoot() throws IOException {
        return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    }

    /** How many members agent {@code i} sees alive (0 while it does not answer). */
    private int alive(int i) {
        try {
            return (int) clients.get(i).nodes().members().stream().filter(m -> "alive".equals(m.status())).count();
        } catch (ClientException e) {
            return 0;
        }
    }

    /**
     * Uploads each spore to every agent, so that any of them can serve it to a peer: an instance
     * re-placed after the kill of one agent still finds its spore on the others.
     */
    void publish(List<Up.SporeResult> spores) {
        for (Up.SporeResult s : spores) {
            Digest digest = Digest.parse(s.digest());
            List<String> created = new ArrayList<>();
            List<String> held = new ArrayList<>();
            for (int i = 0; i < clients.size(); i++) {
                ApiDocuments.SporeStored stored;
                try {
                    stored = clients.get(i).putSpore(s.spore(), digest, operator, Instant.now());
                } catch (ClientException e) {
                    throw MeshException.rejected("publishing " + s.ref() + " to " + settings.api(i) + " failed: " + said(e));
                }
                (stored.created() ? created : held).add(agentId(i));
            }
            progress.accept(String.format("%-16s %s (%s)", s.ref(), (created.isEmpty() ? "" : "published to " + String.join(", ", created))
                    + (created.isEmpty() || held.isEmpty() ? "" : "; ") + (held.isEmpty() ? "" : "already held by " + String.join(", ", held)),
                    digest.shortForm()));
        }
    }

    /**
     * Applies a plan for each app unless the cluster already runs one of the app's published digests
     * (a re-run keeps what the user updated to, e.g. billing v2).
     */
    void applyPlans(List<AppToRun> apps, Map<String, List<Digest>> known) throws IOException {
        AgentClient first = clients.get(0);
        for (AppToRun a : apps) {
            Optional<ApiDocuments.PlanRow> held;
            try {
                held = first.plan(a.app());
            } catch (ClientException e) {
                throw MeshException.rejected("reading the plan of " + a.app() + " from " + settings.api(0) + " failed: " + said(e));
            }
            long revision = held.map(ApiDocuments.PlanRow::revision).orElse(0L);
            if (held.isPresent()) {
                Plan current = held.get().plan();
                if (known.getOrDefault(a.app(), List.of()).contains(current.digest()) && current.instances() > 0) {
                    progress.accept(String.format("%-16s plan revision %d kept (%s, %d instance%s)", a.app(), revision,
                            current.digest().shortForm(), current.instances(), current.instances() == 1 ? "" : "s"));
                    continue;
                }
            }
            Manifest m;
            try {
                m = SporeVerifier.verify(a.spore(), TrustStore.load(dir.trust())).manifest();
            } catch (io.mycelium.spore.verify.SporeRejectedException e) {
                throw MeshException.rejected(a.spore() + " does not verify: " + e.getMessage());
            }
            Plan plan = Plan.of(a.app(), a.digest(), a.instances()).withNutrients(m.nutrients().cpuMilli(), m.nutrients().memoryMb());
            FabricRecord record = OperatorRecords.sign(operator, plan, a.app(), revision + 1, hlc.now());
            try {
                first.submitPlan(record);
            } catch (ClientException e) {
                throw MeshException.rejected("applying the plan for " + a.app() + " failed: " + said(e));
            }
            progress.accept(String.format("%-16s plan revision %d applied: %s@%s x %d", a.app(), revision + 1, a.app(), a.version(),
                    a.instances()));
        }
    }

    /** Waits until every app has all its instances Ready on its plan's digest, and the edge routes to each. */
    void awaitReady(List<AppToRun> apps) throws InterruptedException {
        await("instances Ready", () -> {
            Map<String, String> s = readiness(apps);
            return s.values().stream().allMatch(v -> v.startsWith("ok"));
        }, () -> readiness(apps).entrySet().stream().map(e -> e.getKey() + " " + e.getValue().replace("ok ", "")).toList().toString());
        for (AppToRun a : apps) {
            String url = settings.edgeUrl() + "/" + a.app() + "/health";
            await("the edge to route /" + a.app() + "/", () -> HttpProbe.answers200(url));
        }
    }

    /** Per app: "ok R/D Ready" or "R/D Ready (states)". */
    private Map<String, String> readiness(List<AppToRun> apps) {
        Map<String, String> out = new LinkedHashMap<>();
        for (AppToRun a : apps) {
            out.put(a.app(), "0/? (no answer)");
        }
        List<ApiDocuments.AppRow> rows;
        try {
            rows = clients.get(0).apps().apps();
        } catch (ClientException e) {
            return out;
        }
        for (ApiDocuments.AppRow row : rows) {
            if (out.containsKey(row.app())) {
                boolean ok = row.desired() > 0 && row.ready() >= row.desired() && row.onOtherDigest() == 0;
                out.put(row.app(), (ok ? "ok " : "") + row.ready() + "/" + row.desired() + " Ready" + (ok ? "" : " " + row.states()));
            }
        }
        return out;
    }

    /** A client failure as one line, with the agent's hint when it gave one. */
    private static String said(ClientException e) {
        return e.getMessage() + (e.hint() == null ? "" : " (" + e.hint() + ")");
    }

    /** Waits for {@code done}, a progress line every few seconds; fails when a child dies or time runs out. */
    void await(String what, BooleanSupplier done) throws InterruptedException {
        await(what, done, () -> "");
    }

    private void await(String what, BooleanSupplier done, Supplier<String> detail) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + settings.timeout().toNanos();
        long nextReport = start + Duration.ofSeconds(3).toNanos();
        while (!done.getAsBoolean()) {
            for (Child c : children) {
                if (!c.alive()) {
                    throw MeshException.rejected(c.name() + " exited (code " + c.exitValue() + ") while waiting for " + what
                            + "; see " + c.log());
                }
            }
            long now = System.nanoTime();
            if (now > deadline) {
                String d = detail.get();
                throw MeshException.rejected("gave up after " + settings.timeout().toSeconds() + " s waiting for " + what
                        + (d.isEmpty() ? "" : ": " + d) + "; see the logs in " + dir.logs().toAbsolutePath());
            }
            if (now > nextReport) {
                String d = detail.get();
                progress.accept(String.format("waiting          for %s (%d s)%s", what, Duration.ofNanos(now - start).toSeconds(),
                        d.isEmpty() ? "" : ": " + d));
                nextReport = now + Duration.ofSeconds(5).toNanos();
            }
            Thread.sleep(250);
        }
        progress.accept(String.format("%-16s %s (%.1f s)", "ok", what, (System.nanoTime() - start) / 1e9));
    }

    List<Child> children() {
        return List.copyOf(children);
    }

    /** Every port mesh up will listen on must be free; all the busy ones are named at once, each with its option. */
    private void checkPortsFree() {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < settings.agents(); i++) {
            ports.add(settings.apiPortBase() + i);
            ports.add(settings.fabricPortBase() + i);
            ports.add(settings.hyphaePortBase() + i);
        }
        ports.add(settings.fabricPortBase() + settings.agents());
        ports.add(settings.edgePort());
        List<String> busy = new ArrayList<>();
        for (int p : ports) {
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress("127.0.0.1", p));
            } catch (IOException e) {
                busy.add("127.0.0.1:" + p + " (" + (p == settings.edgePort() ? "--edge-port" : "--api-port / --fabric-port / --hyphae-port") + ")");
            }
        }
        if (!busy.isEmpty()) {
            throw MeshException.rejected((busy.size() == 1 ? "port " : "ports ") + String.join(", ", busy)
                    + (busy.size() == 1 ? " is" : " are") + " in use (another mesh up or agent?); stop it, or pick other ports with the option named");
        }
    }

    private void writePids() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Child c : children) {
            sb.append(c.pid()).append(' ').append(c.name()).append('\n');
        }
        Files.writeString(dir.pids(), sb.toString(), StandardCharsets.US_ASCII);
    }

    /**
     * A previous mesh up on this work dir that was killed (kill -9) left its children running: stop
     * those, by the PIDs it wrote, if they are still our children (their command line names this
     * work dir).
     */
    private void stopLeftovers() throws IOException {
        if (!Files.exists(dir.pids())) {
            return;
        }
        String marker = dir.root().toAbsolutePath().toString();
        for (String line : Files.readAllLines(dir.pids(), StandardCharsets.US_ASCII)) {
            String[] parts = line.strip().split(" ");
            if (parts.length < 1 || parts[0].isEmpty()) {
                continue;
            }
            long pid;
            try {
                pid = Long.parseLong(parts[0]);
            } catch (NumberFormatException e) {
                continue;
            }
            Optional<ProcessHandle> h = ProcessHandle.of(pid);
            if (h.isPresent() && h.get().isAlive()
                    && h.get().info().commandLine().map(cl -> cl.contains(marker)).orElse(false)) {
                progress.accept("leftover         stopping " + (parts.length > 1 ? parts[1] : "") + " (PID " + pid + ") from an earlier run");
                h.get().destroy();
                try {
                    h.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                    h.get().destroyForcibly();
                }
            }
        }
        Files.deleteIfExists(dir.pids());
    }

    /** Stops the workloads that agent {@code id} left running when it died, as its own supervisor would. */
    private void stopLeftWorkloads(String id) {
        if (id.equals("edge")) {
            return;
        }
        try {
            int n = Leftovers.stop(AgentConfig.read(dir.agents().resolve(id + ".json")), Duration.ofSeconds(30));
            progress.accept(String.format("%-16s %d workload(s) that %s left running when it died", "stopped", n, id));
        } catch (Exception e) {
            progress.accept("warning          " + id + " died and its workloads may still run: " + e.getMessage()
                    + "; the next mesh up on " + dir.root() + " adopts and stops them");
        }
    }

    /**
     * Stops the edge, then every agent, by PID (TERM: each agent stops its own workloads before it
     * exits, as {@code stopWorkloadsOnExit} asks, and removes its empty cgroups). The workloads of an
     * agent that had died before (kill -9) or had to be killed are stopped through its own
     * supervisor on its data dir ({@link Leftovers}), so nothing this mesh started is left running.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<String> dead = new ArrayList<>(children.stream().filter(c -> !c.alive()).map(Child::name).toList());
        for (Child c : children) {
            if (c.name().equals("edge") && c.alive()) {
                c.term();
                c.awaitOrKill(10_000);
            }
        }
        for (Child c : children) {
            if (c.alive()) {
                c.term();
            }
        }
        for (Child c : children) {
            boolean clean = c.awaitOrKill(30_000);
            progress.accept(dead.contains(c.name()) ? String.format("%-16s %s (PID %d) had exited before the stop", "gone", c.name(), c.pid())
                    : String.format("%-16s %s (PID %d)%s", "stopped", c.name(), c.pid(), clean ? "" : " with KILL after 30 s"));
            if (!clean && !dead.contains(c.name())) {
                dead.add(c.name());
            }
        }
        for (String agent : dead) {
            stopLeftWorkloads(agent);
        }
        clients.forEach(AgentClient::close);
        try {
            Files.deleteIfExists(dir.pids());
        } catch (IOException e) {
            // harmless: the next run finds no live PIDs in it
        }
    }
}
