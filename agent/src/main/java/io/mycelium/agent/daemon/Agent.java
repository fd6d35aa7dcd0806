package io.mycelium.agent.daemon;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.mycelium.agent.api.AgentApi;
import io.mycelium.agent.api.AgentServices;
import io.mycelium.agent.api.ApiConfig;
import io.mycelium.agent.driver.LocalProcessDriver;
import io.mycelium.agent.driver.WorkloadUser;
import io.mycelium.agent.metrics.AgentMetrics;
import io.mycelium.agent.metrics.MetricRegistry;
import io.mycelium.agent.fetch.SporeLibrary;
import io.mycelium.agent.hyphae.HostPort;
import io.mycelium.agent.hyphae.HyphaeRouter;
import io.mycelium.agent.hyphae.NodeIdentity;
import io.mycelium.agent.instance.InstanceSpec;
import io.mycelium.agent.instance.InstanceStatus;
import io.mycelium.agent.instance.InstanceStore;
import io.mycelium.agent.instance.PersistedInstance;
import io.mycelium.agent.instance.Supervisor;
import io.mycelium.agent.port.PortAllocator;
import io.mycelium.agent.reconcile.Reconciler;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.Fabric;
import io.mycelium.fabric.SubmitResult;
import io.mycelium.fabric.placement.PlacementResult;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.spore.store.SporeStore;
import io.mycelium.fabric.FabricConfig;
import io.mycelium.fabric.FabricNode;
import io.mycelium.fabric.model.Role;
import io.mycelium.fabric.wire.Keyring;
import io.mycelium.spore.key.TrustStore;
import io.mycelium.spore.store.SporeRepo;
import io.mycelium.spore.time.Clock;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * One agent: its fabric member (role agent), spore library, supervisor (which recovers and adopts
 * the instances a previous agent left running before anything new starts), the reconciler and the
 * Helidon webserver. {@link #close()} detaches: workloads keep running and the next agent on the
 * same data dir adopts them.
 *
 * <p>Data dir layout: {@code fabric/} (replicated state), {@code repo/} (spores),
 * {@code sprouts/<hex>/} (extracted, verified spores), {@code supervisor/instances.json},
 * {@code run/<instance>/} (each instance's work, data and logs), {@code ledger/usage.json} (the
 * meter's counters, so a restart never charges twice), {@code hyphae/identity.key} (the node's
 * identity on the hyphae overlay, owner-only).
 */
public final class Agent implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Agent.class.getName());
    private static final String VERSION = "0.1.0";

    private final AgentConfig config;
    private final long startNanos;
    private SporeLibrary library;
    private WebServer server;
    private FabricNode node;
    private Supervisor supervisor;
    private Reconciler reconciler;
    private io.mycelium.agent.meter.Meter meter;
    private HyphaeRouter hyphae;
    private String apiUrl;
    private String enforcement = "";
    private volatile boolean booted;
    private TrustStore operators;
    private TrustStore publishers;
    private Path staging;
    private Path runRoot;
    private final AgentMetrics metrics = new AgentMetrics(new MetricRegistry());

    private Agent(AgentConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.startNanos = System.nanoTime();
    }

    /** Starts an agent serving the HTTP API. */
    public static Agent start(AgentConfig config) throws IOException {
        return start(config, r -> { });
    }

    /**
     * Starts an agent serving the HTTP API ({@link AgentApi}); {@code extraRoutes} come first (tests).
     */
    public static Agent start(AgentConfig config, Consumer<HttpRouting.Builder> extraRoutes) throws IOException {
        Agent a = new Agent(config);
        try {
            a.boot(extraRoutes);
        } catch (IOException | RuntimeException e) {
            a.close();
            throw e;
        }
        return a;
    }

    private void boot(Consumer<HttpRouting.Builder> extraRoutes) throws IOException {
        Path data = config.dataDir().toAbsolutePath();
        Files.createDirectories(data);
        boolean root = WorkloadUser.currentUid() == 0;
        Path run = data.resolve("run");
        Path sprouts = data.resolve("sprouts");
        Files.createDirectories(run);
        Files.createDirectories(sprouts);
        if (root) {
            // the workload user must reach its run dir and its spore's files, and nothing else of ours
            for (Path p : List.of(data, run, sprouts)) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        Keyring keyring = Keyring.read(config.clusterKey());
        TrustStore operators = TrustStore.load(config.operatorTrust());
        TrustStore publishers = TrustStore.load(config.publisherTrust());
        this.operators = operators;
        this.publishers = publishers;
        this.staging = data.resolve("staging");
        this.runRoot = run;
        library = new SporeLibrary(SporeRepo.open(data.resolve("repo")), publishers, sprouts, config.minFreeMb() * 1024 * 1024, metrics);
        ApiConfig api = config.apiTokenFile() == null ? ApiConfig.open() : ApiConfig.withTokenFile(config.apiTokenFile(), config.readsNeedToken());

        server = WebServer.builder().host(config.bind()).port(config.apiPort())
                .routing(r -> {
                    extraRoutes.accept(r);
                    AgentApi.mount(r, new Services(), api);
                })
                .build().start();
        apiUrl = "http://" + hostForUrl(config.bind()) + ":" + server.port();

        FabricConfig fc = FabricConfig.builder(config.cluster(), config.nodeId(), Role.AGENT, config.bind(), config.fabricPort())
                .api(server.port(), apiUrl).labels(config.labels()).version(VERSION).dataDir(data.resolve("fabric")).build();
        node = FabricNode.start(new FabricNode.Options(fc, keyring, operators, io.mycelium.fabric.discovery.Seeds.parse(config.join()), config.mdnsInterface(), null));

        hyphae = HyphaeRouter.start(node.fabric(), NodeIdentity.loadOrCreate(config.nodeId(), data.resolve("hyphae")), HostPort.parse("hyphae", config.hyphae()), config.bind(),
                config.hyphaeOverlayPort());

        LocalProcessDriver driver = LocalProcessDriver.forHost(config.workloadUser(), config.cgroupRoot(), config.bind());
        enforcement = enforcement(config.nodeId(), driver.options().cgroups());
        LOG.info(enforcement);
        InetAddress bind = InetAddress.getByName(config.bind());
        PortAllocator ports = new PortAllocator(bind, config.portFirst(), config.portLast());
        long cpu = config.cpuMilli() > 0 ? config.cpuMilli() : HostCapacity.cpuMilli(config.reserveCpuMilli());
        long mem = config.memoryMb() > 0 ? config.memoryMb() : HostCapacity.memoryMb(config.reserveMemoryMb());
        Path java = config.java() != null ? config.java() : Path.of(System.getProperty("java.home"), "bin", "java");
        reconciler = new Reconciler(node.fabric(), library, ports, new Reconciler.Settings(config.nodeId(), config.bind(), run, java,
                Duration.ofMillis(config.drainMs()), Duration.ofMillis(config.stopGraceMs()), Duration.ofMillis(config.tickMs()),
                Duration.ofMillis(Math.min(2_000, config.tickMs() * 2)), Duration.ofSeconds(5), cpu, mem, hyphae::urlFor));

        InstanceStore store = new InstanceStore(data.resolve("supervisor"));
        Map<String, InstanceSpec> specs = new HashMap<>();
        for (PersistedInstance p : store.load()) {
            specs.put(p.spec().instanceId(), p.spec());
        }
        supervisor = new Supervisor(driver, store, Clock.SYSTEM, new SplittableRandom(), Leftovers.supervisorConfig(bind), reconciler);
        List<InstanceStatus> recovered = supervisor.recover();
        if (!recovered.isEmpty()) {
            LOG.info("agent " + config.nodeId() + ": recovered " + recovered.size() + " instance(s) from the previous run");
        }
        reconciler.start(supervisor, specs, recovered);
        meter = io.mycelium.agent.meter.Meter.start(data.resolve("ledger").resolve("usage.json"), supervisor::instances,
                id -> driver.options().cgroups().flatMap(c -> c.find(id)).flatMap(io.mycelium.agent.cgroup.Cgroup::stats),
                () -> io.mycelium.fabric.ledger.Prices.of(node.fabric().view()), node.fabric()::publish, Clock.SYSTEM,
                Duration.ofMillis(Math.max(1_000, config.tickMs() * 2))).alsoEachTick(this::publishScaleDecisions);
        booted = true;
        LOG.info("agent " + config.nodeId() + " ready: api " + apiUrl + ", fabric " + config.bind() + ":" + config.fabricPort()
                + ", hyphae " + hyphae.url() + " (overlay " + config.bind() + ":" + hyphae.overlay().port() + ")"
                + " in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos) + " ms");
    }

    /**
     * The autoscaler's decision for every autoscaled app this agent is a publisher of, each meter
     * tick (every agent would decide the same; a few publish, placement reads the newest).
     */
    private void publishScaleDecisions() {
        io.mycelium.fabric.ClusterView view = node.fabric().view();
        long now = System.currentTimeMillis();
        for (String app : view.plans().keySet()) {
            if (!io.mycelium.fabric.autoscale.Autoscaler.publishes(view, app, config.nodeId())) {
                continue;
            }
            io.mycelium.fabric.autoscale.Autoscaler.decide(view, app, now, io.mycelium.fabric.autoscale.ScalePolicy.DEFAULT)
                    .ifPresent(node.fabric()::publish);
        }
    }

    private static String hostForUrl(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    public AgentConfig config() {
        return config;
    }

    public Fabric fabric() {
        return node.fabric();
    }

    public SporeLibrary library() {
        return library;
    }

    public Supervisor supervisor() {
        return supervisor;
    }

    public Reconciler reconciler() {
        return reconciler;
    }

    /** This node's hyphae router. */
    public HyphaeRouter hyphae() {
        return hyphae;
    }

    /**
     * How this agent holds instances to their nutrients, in one line for its start: cgroup limits,
     * or (no writable cgroups: not root, or none mounted) accounting only.
     */
    public String enforcement() {
        return enforcement;
    }

    static String enforcement(String node, java.util.Optional<io.mycelium.agent.cgroup.CgroupController> cgroups) {
        return cgroups.map(c -> "agent " + node + ": instances run in cgroup " + c.version()
                        + " groups with their cpu_milli and memory_mb as limits (an instance over its memory is killed and reported out of memory)")
                .orElse("agent " + node + ": no writable cgroups on this host (not root, or no cgroup v2 / v1 cpu, memory and pids "
                        + "hierarchies): cpu_milli and memory_mb are NOT enforced, usage is still metered from /proc (accounting only); "
                        + "run the agent as root on a host with cgroups to enforce them");
    }

    /** The base URL of this agent's HTTP API, e.g. {@code http://127.0.0.1:40123}. */
    public String apiUrl() {
        return apiUrl;
    }

    public int apiPort() {
        return server.port();
    }

    /** Ready: the API serves, the fabric member runs, the previous run's instances are recovered and the reconciler runs. */
    public boolean ready() {
        return booted;
    }

    public AgentMetrics metrics() {
        return metrics;
    }

    /** What the API's routes use of this agent. */
    private final class Services implements AgentServices {
        @Override
        public String cluster() {
            return config.cluster();
        }

        @Override
        public String nodeId() {
            return config.nodeId();
        }

        @Override
        public ClusterView view() {
            return node.fabric().view();
        }

        @Override
        public Map<String, Long> fabricCounters() {
            return node.fabric().metrics().snapshot();
        }

        @Override
        public SubmitResult submitPlan(FabricRecord signed) {
            SubmitResult r = node.fabric().submit(signed);
            reconciler.trigger();
            return r;
        }

        @Override
        public TrustStore operators() {
            return operators;
        }

        @Override
        public TrustStore publishers() {
            return publishers;
        }

        @Override
        public SporeStore spores() {
            return library.repo();
        }

        @Override
        public Path stagingDir() {
            return staging;
        }

        @Override
        public List<InstanceStatus> localInstances() {
            return supervisor == null ? List.of() : supervisor.instances();
        }

        @Override
        public Optional<LogFiles> logs(String instanceId) {
            if (supervisor == null || supervisor.status(instanceId).isEmpty()) {
                return Optional.empty();
            }
            Path logs = runRoot.resolve(instanceId).resolve("logs");
            return Optional.of(new LogFiles(logs.resolve("stdout.log"), logs.resolve("stderr.log")));
        }

        @Override
        public Optional<InstanceStatus> stopInstance(String instanceId, String why) {
            Optional<InstanceStatus> s = supervisor == null ? Optional.empty() : supervisor.status(instanceId);
            s.ifPresent(x -> reconciler.stop(instanceId, why));
            return s;
        }

        @Override
        public Optional<InstanceStatus> restartInstance(String instanceId, String why) {
            if (supervisor == null || supervisor.status(instanceId).isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(supervisor.restart(instanceId, why));
        }

        @Override
        public List<PlacementResult.Unplaced> unplaced() {
            return reconciler == null ? List.of() : reconciler.unplaced();
        }

        @Override
        public Readiness readiness() {
            return booted ? Readiness.up() : Readiness.down("starting: joining the fabric and recovering instances");
        }

        @Override
        public MetricRegistry metrics() {
            return metrics.registry();
        }

        @Override
        public Clock clock() {
            return Clock.SYSTEM;
        }
    }

    /** Stops every instance of this node (TERM, grace, KILL) and waits; for tests and for a full shutdown. */
    public void stopWorkloads(Duration timeout) throws Exception {
        if (reconciler != null) {
            reconciler.close();
        }
        if (supervisor != null) {
            supervisor.stopAll().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            // an instance whose launch raced with the reconciler's close is caught by a second round
            supervisor.stopAll().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Detaches: the reconciler and supervision stop, workloads keep running, the fabric member leaves. */
    @Override
    public void close() {
        if (meter != null) {
            meter.close();
        }
        if (reconciler != null) {
            reconciler.close();
        }
        if (supervisor != null) {
            supervisor.close();
        }
        if (hyphae != null) {
            hyphae.close();
        }
        if (node != null) {
            node.close();
        }
        if (server != null) {
            server.stop();
        }
    }
}
