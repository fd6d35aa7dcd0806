package io.mycelium.agent.instance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mycelium.agent.cgroup.ResourceLimits;
import io.mycelium.agent.driver.LaunchSpec;
import io.mycelium.agent.driver.ProcessRef;
import io.mycelium.agent.health.HealthCheck;
import io.mycelium.agent.health.HealthPolicy;
import io.mycelium.spore.json.JsonMappers;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The running instances, persisted as {@code instances.json} in the agent's data dir. Every save
 * writes a temp file, fsyncs it, renames it over the old one and fsyncs the directory, so a crash
 * at any moment leaves either the old or the new file, never a torn one. The JSON is mapped field
 * by field (no polymorphic or Java deserialization). Thread-safe.
 */
public final class InstanceStore {
    private static final int VERSION = 1;
    private static final ObjectMapper JSON = JsonMappers.canonical();

    private final Path file;

    public InstanceStore(Path dataDir) {
        this.file = Objects.requireNonNull(dataDir, "dataDir").resolve("instances.json");
    }

    public Path file() {
        return file;
    }

    /** The saved instances; empty if nothing was saved yet. */
    public synchronized List<PersistedInstance> load() throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            if (root == null || root.path("version").asInt() != VERSION) {
                throw new IllegalArgumentException("unknown version " + (root == null ? "(empty file)" : root.path("version")));
            }
            List<PersistedInstance> out = new ArrayList<>();
            for (JsonNode n : root.path("instances")) {
                out.add(readInstance(n));
            }
            return out;
        } catch (IOException | RuntimeException e) {
            throw new IOException("agent state file " + file + " is not valid (" + e.getMessage()
                    + "); move it aside to start without adopting running instances", e);
        }
    }

    /** Replaces the saved instances atomically. */
    public synchronized void save(List<PersistedInstance> instances) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", VERSION);
        ArrayNode list = root.putArray("instances");
        instances.forEach(i -> list.add(writeInstance(i)));
        byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("data dir " + file.getParent() + " does not support atomic rename; put it on a local file system", e);
        }
        try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    private static ObjectNode writeInstance(PersistedInstance i) {
        ObjectNode n = JSON.createObjectNode();
        InstanceSpec s = i.spec();
        LaunchSpec l = s.launch();
        ObjectNode spec = n.putObject("spec");
        spec.put("instanceId", l.instanceId());
        spec.put("app", l.app());
        spec.put("node", l.node());
        spec.put("executable", l.executable().toString());
        ArrayNode args = spec.putArray("args");
        l.args().forEach(args::add);
        ObjectNode env = spec.putObject("env");
        l.env().forEach(env::put);
        spec.put("port", l.port());
        spec.put("runDir", l.runDir().toString());
        spec.put("sporeDir", l.sporeDir().toString());
        spec.put("cpuMilli", l.limits().cpuMilli());
        spec.put("memoryMb", l.limits().memoryMb());
        HealthPolicy h = s.health();
        ObjectNode health = spec.putObject("health");
        health.put("kind", h.check().kind().name());
        health.put("path", h.check().path());
        health.put("expectedStatus", h.check().expectedStatus());
        health.put("startPeriodMs", h.startPeriod().toMillis());
        health.put("intervalMs", h.interval().toMillis());
        health.put("startupIntervalMs", h.startupInterval().toMillis());
        health.put("timeoutMs", h.timeout().toMillis());
        health.put("successThreshold", h.successThreshold());
        health.put("failureThreshold", h.failureThreshold());
        RestartPolicy r = s.restart();
        ObjectNode restart = spec.putObject("restart");
        restart.put("initialBackoffMs", r.initialBackoff().toMillis());
        restart.put("maxBackoffMs", r.maxBackoff().toMillis());
        restart.put("multiplier", r.multiplier());
        restart.put("jitter", r.jitter());
        restart.put("crashLoopFailures", r.crashLoopFailures());
        restart.put("crashLoopWindowMs", r.crashLoopWindow().toMillis());
        spec.put("stopGraceMs", s.stopGrace().toMillis());
        i.process().ifPresent(p -> {
            ObjectNode proc = n.putObject("process");
            proc.put("pid", p.pid());
            proc.put("pgid", p.pgid());
            proc.put("startTicks", p.startTicks());
            p.cgroup().ifPresent(c -> proc.put("cgroup", c));
        });
        n.put("restarts", i.restarts());
        n.put("stopping", i.stopping());
        return n;
    }

    private static PersistedInstance readInstance(JsonNode n) {
        JsonNode spec = required(n, "spec");
        List<String> args = new ArrayList<>();
        required(spec, "args").forEach(a -> args.add(a.asText()));
        Map<String, String> env = new LinkedHashMap<>();
        required(spec, "env").properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
        LaunchSpec launch = new LaunchSpec(text(spec, "instanceId"), text(spec, "app"), text(spec, "node"),
                Path.of(text(spec, "executable")), args, env, required(spec, "port").asInt(), Path.of(text(spec, "runDir")),
                new ResourceLimits(required(spec, "cpuMilli").asInt(), required(spec, "memoryMb").asInt()),
                sporeDir(spec));
        JsonNode h = required(spec, "health");
        HealthPolicy health = new HealthPolicy(
                new HealthCheck(HealthCheck.Kind.valueOf(text(h, "kind")), text(h, "path"), required(h, "expectedStatus").asInt()),
                millis(h, "startPeriodMs"), millis(h, "intervalMs"), millis(h, "startupIntervalMs"), millis(h, "timeoutMs"),
                required(h, "successThreshold").asInt(), required(h, "failureThreshold").asInt());
        JsonNode r = required(spec, "restart");
        RestartPolicy restart = new RestartPolicy(millis(r, "initialBackoffMs"), millis(r, "maxBackoffMs"),
                required(r, "multiplier").asDouble(), required(r, "jitter").asDouble(),
                required(r, "crashLoopFailures").asInt(), millis(r, "crashLoopWindowMs"));
        InstanceSpec instanceSpec = new InstanceSpec(launch, health, restart, millis(spec, "stopGraceMs"));
        Optional<ProcessRef> process = Optional.empty();
        JsonNode p = n.get("process");
        if (p != null && !p.isNull()) {
            JsonNode cg = p.get("cgroup");
            process = Optional.of(new ProcessRef(required(p, "pid").asLong(), required(p, "pgid").asLong(),
                    required(p, "startTicks").asLong(), cg == null || cg.isNull() ? Optional.empty() : Optional.of(cg.asText())));
        }
        return new PersistedInstance(instanceSpec, process, required(n, "restarts").asInt(), n.path("stopping").asBoolean(false));
    }

    /** The spore's dir; a store written before it was recorded had the work dir as working directory. */
    private static Path sporeDir(JsonNode spec) {
        JsonNode dir = spec.get("sporeDir");
        return dir != null && dir.isTextual() ? Path.of(dir.asText()) : Path.of(text(spec, "runDir")).resolve("work");
    }

    private static JsonNode required(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        return v;
    }

    private static String text(JsonNode n, String field) {
        return required(n, field).asText();
    }

    private static Duration millis(JsonNode n, String field) {
        return Duration.ofMillis(required(n, field).asLong());
    }
}
