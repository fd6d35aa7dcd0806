package io.mycelium.agent.daemon;

import io.mycelium.fabric.model.EndpointRecord;
import io.mycelium.fabric.model.InstanceRecord;
import io.mycelium.fabric.model.InstanceState;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.placement.PlacementResult;
import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.key.SigningKey;
import io.mycelium.spore.pack.PackedSpore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static io.mycelium.agent.daemon.TestMesh.instanceOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bad input, each on a live two-agent mesh that keeps serving a healthy app meanwhile:
 * an unknown digest, impossible nutrients, a binary that exits at once, a workload that never
 * becomes healthy, one that ignores TERM, a spore signed by an untrusted key, and a full disk
 * during fetch (agent b keeps more free disk than any disk has, so every fetch it tries is
 * refused before a byte is written: the same path as a real full disk after the size check).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {
    private TestMesh mesh;
    private Agent a;
    private Agent b;
    private PackedSpore greeter;

    @BeforeAll
    void start() throws Exception {
        mesh = new TestMesh();
        a = mesh.start(mesh.config("agent-a", 0).toBuilder().labels(Map.of("node", "a")).build());
        b = mesh.start(mesh.config("agent-b", 1).toBuilder().labels(Map.of("disk", "tiny")).minFreeMb(1L << 30).build());
        greeter = mesh.greeter(m -> m);
        a.library().repo().put(greeter.path());
        await().atMost(Duration.ofSeconds(30)).until(() -> a.fabric().view().liveMembers().size() == 2 && a.ready() && b.ready());
        assertThat(mesh.apply(a, Plan.of("good", greeter.digest(), 1).withNutrients(100, 32).withPlacement(Map.of("node", "a")))
                .accepted()).isTrue();
        await().atMost(Duration.ofSeconds(60)).until(() -> a.fabric().view().readyEndpoints("good").size() == 1);
    }

    @AfterAll
    void stop() throws Exception {
        if (mesh != null) {
            // the good app was served all along
            List<EndpointRecord> eps = a.fabric().view().readyEndpoints("good");
            assertThat(eps).hasSize(1);
            assertThat(mesh.get("http://" + eps.get(0).host() + ":" + eps.get(0).port() + "/hello")).isEqualTo(200);
            mesh.close();
        }
    }

    private InstanceRecord awaitInstance(String app, java.util.function.Predicate<InstanceRecord> p, int seconds) {
        await().atMost(Duration.ofSeconds(seconds)).until(() -> instanceOf(a, app).filter(p).isPresent());
        return instanceOf(a, app).orElseThrow();
    }

    @Test
    void unknownDigestFailsWithTheReasonInTheFabric() {
        Digest nowhere = Digest.of("no such spore".getBytes(StandardCharsets.UTF_8));
        mesh.apply(a, Plan.of("ghost", nowhere, 1).withNutrients(10, 10));
        InstanceRecord r = awaitInstance("ghost", i -> i.state() == InstanceState.FAILED, 30);
        assertThat(r.message()).contains("in no live agent's repository").contains("mesh publish");
    }

    @Test
    void aSporeThatReachesARepositoryJustAfterItsPlanRunsWithoutFailingFirst() throws Exception {
        PackedSpore late = mesh.greeter(m -> MeshTest.withVersion(m, "7.0.0"));
        java.util.Set<InstanceState> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.function.Consumer<io.mycelium.fabric.FabricChange> watch = change -> {
            if (change.record() != null && change.record().key().kind() == io.mycelium.fabric.model.RecordKind.INSTANCE) {
                change.record().value(InstanceRecord.class).filter(i -> i.app().equals("late")).ifPresent(i -> seen.add(i.state()));
            }
        };
        a.fabric().addListener(watch);
        try {
            mesh.apply(a, Plan.of("late", late.digest(), 1).withNutrients(100, 32).withPlacement(Map.of("node", "a")));
            // the instance is decided before any agent holds its spore; the spore arrives after
            InstanceRecord waiting = awaitInstance("late", i -> true, 30);
            assertThat(waiting.state()).isNotEqualTo(InstanceState.FAILED);
            a.library().repo().put(late.path());
            await().atMost(Duration.ofSeconds(60)).until(() -> a.fabric().view().readyEndpoints("late").size() == 1);
            assertThat(seen).contains(InstanceState.READY).doesNotContain(InstanceState.FAILED);
        } finally {
            a.fabric().removeListener(watch);
        }
    }

    @Test
    void impossibleNutrientsLeaveTheSlotUnplacedWithTheReason() {
        mesh.apply(a, Plan.of("huge", greeter.digest(), 1).withNutrients(1_000_000, 32));
        await().atMost(Duration.ofSeconds(30)).until(() -> List.of(a, b).stream()
                .allMatch(x -> x.reconciler().unplaced().stream().anyMatch(u -> u.slot().app().equals("huge"))));
        PlacementResult.Unplaced u = a.reconciler().unplaced().stream().filter(x -> x.slot().app().equals("huge")).findFirst().orElseThrow();
        assertThat(u.reason()).contains("needs cpu_milli=1000000");
        assertThat(instanceOf(a, "huge")).isEmpty();
    }

    @Test
    void aBinaryThatExitsAtOnceIsRestartedAndReportedAsACrashLoop() throws Exception {
        PackedSpore crash = mesh.script("crasher", "echo starting; exit 3", TestMesh.noCheck(1_000), mesh.publisher);
        a.library().repo().put(crash.path());
        mesh.apply(a, Plan.of("crasher", crash.digest(), 1).withPlacement(Map.of("node", "a")));
        InstanceRecord r = awaitInstance("crasher", i -> i.state() == InstanceState.CRASH_LOOP, 60);
        assertThat(r.restarts()).isGreaterThanOrEqualTo(2);
        assertThat(r.message()).contains("crash loop");
    }

    @Test
    void aWorkloadThatNeverBecomesHealthyFailsWithTheCheckNamed() throws Exception {
        PackedSpore mute = mesh.script("mute", "exec sleep 600", TestMesh.httpCheck("/health", 1_000), mesh.publisher);
        a.library().repo().put(mute.path());
        mesh.apply(a, Plan.of("mute", mute.digest(), 1).withPlacement(Map.of("node", "a")));
        InstanceRecord r = awaitInstance("mute", i -> i.message().contains("never became healthy"), 60);
        assertThat(r.message()).contains("/health");
        assertThat(a.fabric().view().readyEndpoints("mute")).isEmpty();
    }

    @Test
    void aWorkloadThatIgnoresTermIsKilledAfterTheGracePeriod() throws Exception {
        PackedSpore stubborn = mesh.script("stubborn", "trap '' TERM; while :; do sleep 1; done", TestMesh.noCheck(300), mesh.publisher);
        a.library().repo().put(stubborn.path());
        mesh.apply(a, Plan.of("stubborn", stubborn.digest(), 1).withPlacement(Map.of("node", "a")));
        InstanceRecord r = awaitInstance("stubborn", i -> i.state() == InstanceState.READY, 60);
        mesh.apply(a, Plan.of("stubborn", stubborn.digest(), 0).withPlacement(Map.of("node", "a")));
        await().atMost(Duration.ofSeconds(30)).until(() -> a.reconciler().instances().stream()
                .anyMatch(v -> v.record().instanceId().equals(r.instanceId()) && v.record().state() == InstanceState.STOPPED));
        String msg = a.reconciler().instances().stream().filter(v -> v.record().instanceId().equals(r.instanceId()))
                .findFirst().orElseThrow().record().message();
        assertThat(msg).contains("did not exit within").contains("killed");
    }

    @Test
    void aSporeSignedByAnUntrustedKeyIsNeverStarted() throws Exception {
        PackedSpore forged = mesh.script("forged", "exec sleep 600", TestMesh.noCheck(300), SigningKey.generate());
        a.library().repo().put(forged.path());
        mesh.apply(a, Plan.of("forged", forged.digest(), 1).withPlacement(Map.of("node", "a")));
        InstanceRecord r = awaitInstance("forged", i -> i.state() == InstanceState.FAILED, 30);
        assertThat(r.message()).contains("rejected, never started");
        assertThat(a.supervisor().instances()).noneMatch(s -> s.app().equals("forged"));
    }

    @Test
    void aFullDiskDuringFetchIsAClearState() {
        mesh.apply(a, Plan.of("far", greeter.digest(), 1).withPlacement(Map.of("disk", "tiny")));
        InstanceRecord r = awaitInstance("far", i -> i.state() == InstanceState.FAILED, 30);
        assertThat(r.message()).startsWith("disk full").contains("min_free_mb");
        assertThat(b.library().holds(greeter.digest())).isFalse();
        Optional<InstanceRecord> onB = b.fabric().view().instancesOn("agent-b").stream().filter(i -> i.app().equals("far")).findFirst();
        assertThat(onB).isPresent();
    }
}
