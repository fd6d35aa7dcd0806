package io.mycelium.console.tui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import io.mycelium.console.model.ClusterSession;
import io.mycelium.console.model.ConsoleModel;
import io.mycelium.console.source.InMemorySource;
import io.mycelium.console.source.SimulatedCluster;
import io.mycelium.fabric.membership.MemberStatus;
import io.mycelium.fabric.model.InstanceState;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.model.Role;
import io.mycelium.spore.key.SigningKey;
import io.mycelium.spore.key.TrustStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TerminalConsoleTest {
    private final AtomicLong clock = new AtomicLong(1_800_000_000_000L);
    private final SigningKey operator = SigningKey.generate();
    private final InMemorySource source = new InMemorySource("lab", clock::get, operator);
    private final SimulatedCluster cluster = new SimulatedCluster(source, operator, 3).app("billing", "billing-v1", 3);
    private final ClusterSession session = new ClusterSession(source, Optional.of(TrustStore.of(operator.verifyingKey())));

    private VirtualScreen screen(boolean readonly, int w, int h, ClusterSession... more) throws Exception {
        List<ClusterSession> all = new java.util.ArrayList<>(List.of(session));
        all.addAll(List.of(more));
        return new VirtualScreen(new ConsoleModel(all, readonly, clock::get), w, h).started();
    }

    @Test
    void opensOnTheGraphWithHeaderHubsHyphaeAndTheEdge() throws Exception {
        VirtualScreen s = screen(false, 80, 24);
        assertThat(s.row(0)).startsWith(" mycelium │ lab │ ● ok │ 4/4 members │ 3 agents, 1 edge; 1 app as planned");
        assertThat(s.row(1)).startsWith(" graph  nodes  apps  instances  rollouts  events  logs");
        assertThat(s.text()).contains("◆ edge ══▶ agent-1 agent-2 agent-3  (billing)")
                .contains("┌ agent-1 ").contains("─● billing-0-v1 ready").contains("─● billing-2-v1 ready");
        assertThat(s.row(23)).contains("? help").contains("q quit");
    }

    @Test
    void numberKeysSwitchViews() throws Exception {
        VirtualScreen s = screen(false, 80, 24);
        s.type("3");
        assertThat(s.row(2)).startsWith(" apps │ 1 rows");
        s.type("4");
        assertThat(s.row(2)).startsWith(" instances");
        s.type("2");
        assertThat(s.row(2)).startsWith(" nodes");
        s.type("1");
        assertThat(s.text()).doesNotContain(" nodes │");
    }

    @Test
    void commandLineCompletesAndSwitchesViews() throws Exception {
        VirtualScreen s = screen(false, 80, 24);
        s.type(":ap");
        s.key(KeyType.Tab);
        assertThat(s.row(23)).isEqualTo(":app");
        assertThat(s.row(22)).isEqualTo("  apps  apply");
        s.type("s");
        s.key(KeyType.Enter);
        assertThat(s.row(2)).startsWith(" apps │ 1 rows");
        assertThat(s.row(3)).startsWith("APP").contains("READY").contains("RPS").contains("P99");
        assertThat(s.row(4)).startsWith("billing").contains("3/3");
    }

    @Test
    void enterDrillsDownAndEscGoesBack() throws Exception {
        source.logs("billing-0-v1", List.of("listening on 20000", "GET /pay 200 3ms"));
        VirtualScreen s = screen(false, 100, 24);
        s.type(":apps");
        s.key(KeyType.Enter).key(KeyType.Enter);
        assertThat(s.row(2)).contains("instances billing │ 3 rows");
        assertThat(s.text()).contains("billing-0-v1").contains("billing-2-v1");
        s.key(KeyType.Enter);
        assertThat(s.row(2)).contains("logs billing-0-v1 │ 2 lines, following");
        assertThat(s.row(3)).isEqualTo("listening on 20000");
        s.type("/GET");
        s.key(KeyType.Enter);
        assertThat(s.row(2)).contains("search 'GET': 1 lines");
        assertThat(s.row(3)).isEqualTo("GET /pay 200 3ms");
        s.key(KeyType.Escape).key(KeyType.Escape);
        assertThat(s.row(2)).contains("instances billing");
        s.key(KeyType.Escape);
        assertThat(s.row(2)).endsWith("apps │ 1 rows");
    }

    @Test
    void helpListsEveryKeyOfTheRegistry() throws Exception {
        VirtualScreen s = screen(false, 100, 45);
        s.type("?");
        String text = s.text();
        for (var k : io.mycelium.console.command.Registry.keys(false, io.mycelium.console.command.Front.TERMINAL)) {
            assertThat(text).contains(k.key());
        }
        assertThat(text).doesNotContain("fit the graph").doesNotContain("light or dark theme");
        assertThat(text).contains(":scale APP N").contains(":rollout ACTION APP [DIGEST]");
        s.key(KeyType.Escape);
        assertThat(s.text()).doesNotContain(":scale APP N");
    }

    @Test
    void scaleFromTheKeyboardSubmitsASignedPlanAndShowsTheResult() throws Exception {
        VirtualScreen s = screen(false, 120, 24);
        s.type(":apps");
        s.key(KeyType.Enter);
        s.type("s");
        assertThat(s.row(23)).isEqualTo(":scale billing");
        s.type("5");
        s.key(KeyType.Enter);
        assertThat(s.row(22)).startsWith("scale billing 3 -> 5 submitted to lab (signed by " + operator.id().shortForm());
        assertThat(s.row(4)).contains("3/5");
        assertThat(source.submitted()).hasSize(1);
    }

    @Test
    void destructiveRolloutActionAsksFirstAndNoCancels() throws Exception {
        Plan bg = Plan.of("shop", SimulatedCluster.digest("shop-v1"), 1)
                .withStrategy(io.mycelium.fabric.model.UpdateStrategy.blueGreen(null));
        cluster.plan(bg).run("shop", "shop-v1", 1);
        VirtualScreen s = screen(false, 120, 24);
        s.type(":rollout start shop " + SimulatedCluster.digest("shop-v2"));
        s.key(KeyType.Enter);
        assertThat(s.row(22)).startsWith("rollout start shop submitted");
        s.type(":rollouts shop");
        s.key(KeyType.Enter);
        s.type("r");
        assertThat(s.row(23)).contains("rollout shop: p promote");
        s.type("a");
        assertThat(s.row(22)).startsWith("rollout abort shop in lab?");
        s.type("n");
        assertThat(s.row(22)).startsWith("cancelled: rollout abort shop");
        assertThat(source.submitted()).hasSize(2);
    }

    @Test
    void ctrlKStopsTheSelectedInstanceAfterAYes() throws Exception {
        VirtualScreen s = screen(false, 120, 24);
        s.type(":instances billing");
        s.key(KeyType.Enter);
        s.console.press(new KeyStroke('k', true, false));
        assertThat(s.row(22)).startsWith("stop billing-0-v1 on agent-1 in lab? (a fresh instance replaces it) y/n");
        assertThat(source.actions()).isEmpty();
        s.type("y");
        assertThat(s.row(22)).startsWith("stop billing-0-v1 on agent-1 (signed by " + operator.id().shortForm() + "): stopped on request");
        assertThat(source.actions()).containsExactly("stop billing-0-v1 on agent-1");
        s.console.draw();
        assertThat(s.text()).contains("DRAINING");
    }

    @Test
    void aRejectedCommandShowsInTheStatusLineAndTheConsoleGoesOn() throws Exception {
        VirtualScreen s = screen(false, 120, 24);
        source.refuseNext("forged: signed by untrusted key 1a2b");
        s.type(":scale billing 1");
        s.key(KeyType.Enter);
        assertThat(s.row(22)).isEqualTo("scale billing 3 -> 1 refused: forged: signed by untrusted key 1a2b");
        s.type(":bogus");
        s.key(KeyType.Enter);
        assertThat(s.row(22)).startsWith("unknown command ':bogus'");
    }

    @Test
    void readOnlyHidesEveryAction() throws Exception {
        VirtualScreen s = screen(true, 100, 45);
        assertThat(s.row(0)).contains("read-only");
        assertThat(s.row(44)).doesNotContain("scale").doesNotContain("rollout");
        s.type("?");
        assertThat(s.text()).doesNotContain(":scale").doesNotContain(":rollout ").doesNotContain("ROLLOUT MENU");
        s.key(KeyType.Escape);
        s.type(":apps");
        s.key(KeyType.Enter);
        s.type("s");
        assertThat(s.row(43)).isEqualTo("scale: this console is read-only");
    }

    @Test
    void partitionMarksMembersTheConsoleCannotSee() throws Exception {
        VirtualScreen s = screen(false, 100, 24);
        source.member("agent-2", Role.AGENT, MemberStatus.DEAD);
        clock.addAndGet(40_000);
        s.type(":nodes");
        s.key(KeyType.Enter);
        assertThat(s.row(0)).contains("● partitioned").contains("3/4 members").contains("1 member not seen");
        assertThat(s.rows()).anyMatch(r -> r.startsWith("agent-2") && r.contains("dead!") && r.contains("40s"));
    }

    @Test
    void severalClustersSwitchWithTabAndMergeWithA() throws Exception {
        InMemorySource other = new InMemorySource("lab-2", clock::get, operator);
        new SimulatedCluster(other, operator, 1).app("web", "web-v1", 1);
        VirtualScreen s = screen(false, 100, 24, new ClusterSession(other, Optional.empty()));
        s.type(":apps");
        s.key(KeyType.Enter);
        assertThat(s.row(1)).endsWith("lab lab-2");
        assertThat(s.row(4)).startsWith("billing");
        s.key(KeyType.Tab);
        assertThat(s.row(0)).contains("│ lab-2 │");
        assertThat(s.row(4)).startsWith("web");
        s.type("a");
        assertThat(s.row(0)).contains("all clusters");
        assertThat(s.row(3)).startsWith("CLUSTER");
        assertThat(s.row(4)).startsWith("lab ").contains("billing");
        assertThat(s.row(5)).startsWith("lab-2").contains("web");
    }

    @Test
    void worksAt80x24AndFollowsAResize() throws Exception {
        VirtualScreen s = screen(false, 80, 24);
        s.type(":instances");
        s.key(KeyType.Enter);
        assertThat(s.rows()).allMatch(r -> r.length() <= 80);
        s.terminal.setTerminalSize(new TerminalSize(140, 30));
        s.screen.doResizeIfNecessary();
        s.console.draw();
        assertThat(s.row(29)).contains("? help");
        assertThat(s.row(3)).contains("MESSAGE");
    }

    @Test
    void onlyTheVisibleRowsOfABigClusterAreDrawnAndSelectionScrolls() throws Exception {
        cluster.app("bulk", "bulk-v1", 200);
        VirtualScreen s = screen(false, 100, 24);
        s.type(":instances bulk");
        s.key(KeyType.Enter);
        assertThat(s.row(2)).contains("200 rows");
        s.key(KeyType.End);
        assertThat(s.row(21)).startsWith("bulk-199-v1");
        s.key(KeyType.Home);
        assertThat(s.row(4)).startsWith("bulk-0-v1");
    }

    @Test
    void theRunningLoopShowsAFabricChangeWithinASecond() throws Exception {
        VirtualScreen s = new VirtualScreen(new ConsoleModel(List.of(session), false, System::currentTimeMillis), 100, 24);
        Thread loop = Thread.ofPlatform().name("tui-test-loop").start(() -> {
            try {
                s.console.run();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> s.row(0).contains("● ok"));
            cluster.instance("agent-1", "billing", 0, "billing-v1", InstanceState.CRASH_LOOP, 4);
            long changed = System.nanoTime();
            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(5)).until(() -> s.text().contains("billing-0-v1 crash-loop"));
            assertThat(Duration.ofNanos(System.nanoTime() - changed)).isLessThan(Duration.ofSeconds(1));
            s.terminal.addInput(new KeyStroke('q', false, false));
            loop.join(Duration.ofSeconds(5));
            assertThat(loop.isAlive()).isFalse();
        } finally {
            s.console.stop();
            loop.join(Duration.ofSeconds(5));
        }
    }

    @Test
    void aFabricChangeThatShowsNothingNewIsNotHandedToLanterna() throws Exception {
        VirtualScreen s = screen(false, 100, 24);
        long before = s.console.frames();
        s.console.draw();
        assertThat(s.console.frames()).as("the same frame again").isEqualTo(before);
        cluster.traffic(Map.of("billing", 42.0), Map.of("billing", 9.0));
        s.console.draw();
        assertThat(s.console.frames()).as("traffic is not on the graph").isEqualTo(before);
        cluster.instance("agent-1", "billing", 0, "billing-v1", InstanceState.CRASH_LOOP, 1);
        s.console.draw();
        assertThat(s.console.frames()).isEqualTo(before + 1);
        assertThat(s.text()).contains("billing-0-v1 crash-loop");
        s.type("3");
        assertThat(s.console.frames()).isEqualTo(before + 2);
        assertThat(s.row(4)).contains("42/s");
    }

    @Test
    void aBurstOfFabricChangesIsDrawnAtMostFourTimesASecondAndItsLastStateShows() throws Exception {
        VirtualScreen s = new VirtualScreen(new ConsoleModel(List.of(session), false, System::currentTimeMillis), 100, 24);
        Thread loop = Thread.ofPlatform().name("tui-test-loop").start(() -> {
            try {
                s.console.run();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> s.row(0).contains("● ok"));
            s.terminal.addInput(new KeyStroke('4', false, false));
            await().atMost(Duration.ofSeconds(5)).until(() -> s.row(2).startsWith(" instances"));
            long frames = s.console.frames();
            long start = System.nanoTime();
            int changes = 0;
            // a change every 2 ms for 1.5 s, each one visible (billing-0's restarts column counts them)
            while (System.nanoTime() - start < 1_500_000_000L && changes < 2_000) {
                cluster.instance("agent-1", "billing", 0, "billing-v1", InstanceState.READY, changes + 1);
                changes++;
                java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
            }
            long drawn = s.console.frames() - frames;
            long elapsed = System.nanoTime() - start;
            cluster.instance("agent-1", "billing", 0, "billing-v1", InstanceState.FAILED, changes);
            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(5)).until(() -> s.text().contains("FAILED"));
            assertThat(changes).isGreaterThan(100);
            assertThat(drawn).as("%d changes in %d ms", changes, elapsed / 1_000_000)
                    .isBetween(2L, elapsed / TerminalConsole.MIN_FRAME_NANOS + 2);
            s.terminal.addInput(new KeyStroke('q', false, false));
            loop.join(Duration.ofSeconds(5));
            assertThat(loop.isAlive()).isFalse();
        } finally {
            s.console.stop();
            loop.join(Duration.ofSeconds(5));
        }
    }

    @Test
    void sparklinesOfTrafficInTheAppsView() throws Exception {
        VirtualScreen s = screen(false, 140, 24);
        for (int i = 1; i <= 8; i++) {
            cluster.traffic(Map.of("billing", 10.0 * i), Map.of("billing", 2.0 * i));
            s.console.draw();
            clock.addAndGet(1000);
        }
        s.type(":apps");
        s.key(KeyType.Enter);
        assertThat(s.row(4)).contains("80/s").contains("16ms").contains("▂▃▄▅▅▆▇██");
    }

    @Test
    void planFormChecksFieldsAsTypedShowsTheProblemInPlaceAndAppliesSigned() throws Exception {
        VirtualScreen s = screen(false, 80, 24);
        s.type(":apps");
        s.key(KeyType.Enter);
        s.type("p");
        assertThat(s.text()).contains("apply a plan to lab").contains("› app").contains("billing")
                .contains("spore digest").contains("instances").contains("strategy").contains("surge");
        assertThat(s.row(23)).contains("tab/down next field").contains("esc cancel");
        s.key(KeyType.Tab).key(KeyType.Tab);
        s.key(KeyType.Backspace);
        s.type("x");
        assertThat(s.text()).contains("✗ 'x' is not a whole number");
        s.key(KeyType.Enter);
        assertThat(s.row(22)).startsWith("instances: 'x' is not a whole number");
        assertThat(s.text()).contains("apply a plan to lab");
        s.key(KeyType.Backspace);
        s.type("4");
        assertThat(s.text()).doesNotContain("✗").contains("enter: apply, signed with");
        s.key(KeyType.Enter);
        assertThat(s.row(22)).startsWith("apply plan billing: 4 x ").contains("strategy surge in lab? (signed with");
        s.type("y");
        assertThat(s.row(22)).startsWith("apply plan billing: 4 x ").contains("submitted to lab (signed by " + operator.id().shortForm());
        assertThat(source.submitted().getLast().value(Plan.class).orElseThrow().instances()).isEqualTo(4);
        assertThat(s.text()).doesNotContain("apply a plan to lab");
    }

    @Test
    void publishShowsItsResultInTheStatusLineAndEscClosesTheForm() throws Exception {
        VirtualScreen s = screen(false, 80, 24);
        s.type(":publish /nonexistent/billing.spore");
        s.key(KeyType.Enter);
        assertThat(s.row(22)).startsWith("no file /nonexistent/billing.spore: give the path of a .spore file");
        s.type(":plan");
        s.key(KeyType.Enter);
        assertThat(s.text()).contains("apply a plan to lab").contains("✗ needed: the app's name");
        s.key(KeyType.Escape);
        assertThat(s.row(22)).isEqualTo("plan form: cancelled");
        assertThat(s.text()).doesNotContain("apply a plan to lab");
        VirtualScreen ro = screen(true, 80, 24);
        ro.type("p");
        assertThat(ro.row(22)).isEqualTo("plan: this console is read-only");
    }
}
