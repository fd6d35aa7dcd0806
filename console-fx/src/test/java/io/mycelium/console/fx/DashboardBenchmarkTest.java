package io.mycelium.console.fx;

import static org.assertj.core.api.Assertions.assertThat;

import io.mycelium.console.model.ClusterSession;
import io.mycelium.console.model.ConsoleModel;
import io.mycelium.console.source.InMemorySource;
import io.mycelium.console.source.SimulatedCluster;
import io.mycelium.fabric.model.InstanceState;
import io.mycelium.spore.key.SigningKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.animation.AnimationTimer;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * 100 agents and 1,000 instances from {@link SimulatedCluster}, changing at 50 events per second
 * for 15 s, on the dashboard under Monocle with the software renderer: frames per second (an
 * {@link AnimationTimer}), time from a change entering the source to the first frame that drew a
 * snapshot showing it, and memory. Run: {@code bench/console-fx.sh}.
 */
@Tag("benchmark")
@ExtendWith(ApplicationExtension.class)
class DashboardBenchmarkTest {
    static final int EVENTS_PER_SECOND = 50;
    static final long RUN_MS = 15_000;

    private final SigningKey key = SigningKey.generate();
    private InMemorySource source;
    private SimulatedCluster cluster;
    private Dashboard dash;
    private ConsoleModel model;

    @Start
    void start(Stage stage) {
        source = new InMemorySource("big", System::currentTimeMillis, key);
        cluster = new SimulatedCluster(source, key, 100);
        for (int a = 0; a < 20; a++) {
            cluster.app("app" + a, "app" + a + "-v1", 50);
        }
        model = new ConsoleModel(List.of(new ClusterSession(source, Optional.empty())), false, System::currentTimeMillis);
        dash = new Dashboard(model, Theme.DARK, System::currentTimeMillis);
        stage.setScene(dash.scene(1400, 900));
        stage.show();
        dash.start();
    }

    @Test
    void framesAndChangeToFrameOnAHundredAgentsAndAThousandInstances(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> model.current().snapshot().instances().size() == 1000);
        Map<Integer, Long> changedAt = new ConcurrentHashMap<>();
        List<Long> latencies = new ArrayList<>();
        int[] frames = new int[1];
        int[] lastSeen = {-1};
        AnimationTimer probe = new AnimationTimer() {
            @Override
            public void handle(long now) {
                frames[0]++;
                int seen = dash.drawn().stream().flatMap(c -> c.instances().stream()).filter(i -> i.id().equals("app0-0-v1"))
                        .mapToInt(io.mycelium.console.model.InstanceRow::restarts).findFirst().orElse(-1);
                if (seen != lastSeen[0] && changedAt.containsKey(seen)) {
                    latencies.add(System.nanoTime() - changedAt.get(seen));
                }
                lastSeen[0] = seen;
            }
        };
        robot.interact(probe::start);
        AtomicInteger n = new AtomicInteger();
        ScheduledExecutorService changes = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "bench-changes"));
        long t0 = System.nanoTime();
        changes.scheduleAtFixedRate(() -> {
            int i = n.incrementAndGet();
            if (i % 5 == 0) {
                changedAt.put(i, System.nanoTime());
                cluster.instance("agent-1", "app0", 0, "app0-v1", i % 10 == 0 ? InstanceState.FAILED : InstanceState.READY, i);
            } else {
                int app = i % 20;
                cluster.instance(SimulatedCluster.agent(i % 100 + 1), "app" + app, 1 + i % 49, "app" + app + "-v1",
                        i % 3 == 0 ? InstanceState.LAUNCHING : InstanceState.READY, i);
            }
        }, 0, 1000 / EVENTS_PER_SECOND, TimeUnit.MILLISECONDS);
        try {
            WaitForAsyncUtils.waitFor(RUN_MS + 10_000, TimeUnit.MILLISECONDS, () -> System.nanoTime() - t0 >= RUN_MS * 1_000_000L);
        } finally {
            changes.shutdownNow();
            changes.awaitTermination(5, TimeUnit.SECONDS);
            robot.interact(probe::stop);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double fps = frames[0] / seconds;
        List<Long> sorted;
        synchronized (latencies) {
            sorted = new ArrayList<>(latencies);
        }
        sorted.sort(Long::compare);
        System.gc();
        long heapMb = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20;
        String rss = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS")).findFirst().orElse("VmRSS ?");
        String line = String.format("console-fx, 100 agents / 1000 instances, %d events/s for %.1f s: %.1f fps (timer), graph painted %d times (%d hub/title layers), "
                        + "change to frame median %.1f ms, p99 %.1f ms (%d changes seen), worst frame work %.1f ms, heap after GC %d MB, %s",
                EVENTS_PER_SECOND, seconds, fps, dash.stats().painted(), dash.graph.layerPaints(), sorted.get(sorted.size() / 2) / 1e6,
                sorted.get(sorted.size() * 99 / 100) / 1e6, sorted.size(), dash.stats().worstWorkNanos() / 1e6, heapMb, rss.replaceAll("\\s+", " "));
        System.out.println(line);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "console-fx-bench.txt"), line + "\n");
        assertThat(sorted).as("changes seen on a frame").hasSizeGreaterThan(20);
        assertThat(fps).as("frames per second, never under 30").isGreaterThanOrEqualTo(30);
    }
}
