package io.mycelium.fabric.testing;

import io.mycelium.fabric.model.Json;
import io.mycelium.fabric.daemon.MemberDaemon;
import io.mycelium.fabric.daemon.MemberSettings;
import io.mycelium.fabric.status.StatusDocuments;
import io.mycelium.testing.ChildJvm;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Member JVMs ({@link MemberDaemon}) in the namespaces of a {@link Netns}, each stopped by its own
 * PID, with their status documents read over the bridge.
 */
public final class MemberCluster implements AutoCloseable {
    private final Netns net;
    private final String cluster;
    private final Path key;
    private final Path dataRoot;
    private final Path logDir;
    private final Map<Integer, Process> members = new HashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    public MemberCluster(Netns net, String cluster, Path key, Path dataRoot, Path logDir) {
        this.net = net;
        this.cluster = cluster;
        this.key = key;
        this.dataRoot = dataRoot;
        this.logDir = logDir;
    }

    public void start(int i) throws IOException {
        Path settings = dataRoot.resolve("n" + i + ".json");
        Files.createDirectories(dataRoot);
        new MemberSettings(cluster, "n" + i, null, net.address(i), 7946, 7947, key, null, null, net.insideInterface(i),
                dataRoot.resolve("n" + i), null).write(settings);
        List<String> cmd = new java.util.ArrayList<>(List.of("nice", "-n", "-10"));
        cmd.addAll(ChildJvm.command(List.of("-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), MemberDaemon.class.getName(),
                List.of(settings.toString())));
        Files.createDirectories(logDir);
        Process p = new ProcessBuilder(net.inNamespace(i, cmd)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logDir.resolve("n" + i + ".log").toFile())).start();
        members.put(i, p);
    }

    /** SIGKILL to member i's own PID; returns the time of the kill (System.nanoTime). */
    public long kill9(int i) throws InterruptedException {
        Process p = members.remove(i);
        long t = System.nanoTime();
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
        return t;
    }

    public Optional<StatusDocuments.Nodes> nodes(int i) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://" + net.address(i) + ":7947/v1/nodes"))
                    .timeout(Duration.ofMillis(800)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? Optional.of(Json.read(r.body(), StatusDocuments.Nodes.class)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Member i's {@code members_removed} counter. */
    public long removals(int i) {
        return state(i).metrics().getOrDefault("members_removed", 0L);
    }

    /** Member i's {@code /v1/state} document. */
    public StatusDocuments.State state(int i) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://" + net.address(i) + ":7947/v1/state"))
                    .timeout(Duration.ofMillis(1500)).build(), HttpResponse.BodyHandlers.ofString());
            return Json.read(r.body(), StatusDocuments.State.class);
        } catch (IOException e) {
            throw new IllegalStateException("status of n" + i + " unreachable: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Set<String> alive(int i) {
        return nodes(i).map(n -> n.members().stream().filter(m -> m.status().equals("alive"))
                .map(StatusDocuments.MemberRow::id).collect(Collectors.toSet())).orElse(Set.of());
    }

    public String log(int i) {
        try {
            return Files.readString(logDir.resolve("n" + i + ".log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() {
        for (Process p : members.values()) {
            p.destroyForcibly();
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        members.clear();
        http.close();
    }
}
