package io.mycelium.console.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.mycelium.console.events.AuditEvent;
import io.mycelium.console.form.PlanDraft;
import io.mycelium.console.source.InMemorySource;
import io.mycelium.console.source.SimulatedCluster;
import io.mycelium.console.view.Route;
import io.mycelium.console.view.Table;
import io.mycelium.console.view.ViewKind;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.membership.MemberStatus;
import io.mycelium.fabric.model.InstanceState;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.fabric.model.UpdateStrategy;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.fabric.state.OperatorRecords;
import io.mycelium.spore.key.SigningKey;
import io.mycelium.spore.pack.PackedSpore;
import io.mycelium.spore.key.TrustStore;
import io.mycelium.spore.manifest.Nutrients;
import io.mycelium.testing.TestSpores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleModelTest {
    private final AtomicLong clock = new AtomicLong(1_800_000_000_000L);
    private final SigningKey operator = SigningKey.generate();
    private final InMemorySource source = new InMemorySource("lab", clock::get, operator);
    private final SimulatedCluster cluster = new SimulatedCluster(source, operator, 3).app("billing", "billing-v1", 3);
    private final ClusterSession session = new ClusterSession(source, Optional.of(TrustStore.of(operator.verifyingKey())));
    private final ConsoleModel model = new ConsoleModel(List.of(session), false, clock::get);

    @Test
    void snapshotShowsNodesAppsAndInstancesOfTheView() {
        model.refresh();
        ClusterSnapshot s = model.current().snapshot();
        assertThat(s.members()).isEqualTo(4);
        assertThat(s.nodes()).extracting(NodeRow::id).containsExactly("agent-1", "agent-2", "agent-3", "edge");
        assertThat(s.apps()).singleElement().satisfies(a -> {
            assertThat(a.app()).isEqualTo("billing");
            assertThat(a.ready()).isEqualTo(3);
            assertThat(a.desired()).isEqualTo(3);
            assertThat(a.revision()).isEqualTo(1);
        });
        assertThat(s.instances()).extracting(InstanceRow::node).containsExactly("agent-1", "agent-2", "agent-3");
        assertThat(s.health().level()).isEqualTo(Health.Level.OK);
        assertThat(s.health().text()).contains("3 agents, 1 edge");
    }

    @Test
    void scaleSubmitsTheNextPlanRevisionSignedWithTheOperatorKey() {
        model.refresh();
        ClusterView before = source.view();
        Plan billing = before.plan("billing").orElseThrow();
        CommandResult ask = model.run(":scale billing 5");
        assertThat(ask.status()).isEqualTo(CommandResult.Status.CONFIRM);
        // the cost before the commit: 5 instances at full use of the plan's nutrients, at the cluster's price, beside today's 3
        String five = io.mycelium.client.explain.CreditText.format(io.mycelium.fabric.ledger.Prices.perHourAtFullUse(
                io.mycelium.fabric.ledger.Prices.of(before), 5, billing.cpuMilli(), billing.memoryMb()));
        String three = io.mycelium.client.explain.CreditText.format(io.mycelium.fabric.ledger.Prices.perHourAtFullUse(
                io.mycelium.fabric.ledger.Prices.of(before), 3, billing.cpuMilli(), billing.memoryMb()));
        assertThat(ask.message()).startsWith("scale billing 3 -> 5 in lab: ~" + five + " credits/h at full use (now " + three + "/h)")
                .endsWith("? y/n");
        assertThat(source.submitted()).as("nothing before the yes").isEmpty();
        CommandResult r = model.confirm(true);
        assertThat(r.status()).isEqualTo(CommandResult.Status.OK);
        assertThat(r.message()).contains("scale billing 3 -> 5").contains(operator.id().shortForm());
        FabricRecord plan = source.submitted().getLast();
        assertThat(plan.version().major()).isEqualTo(2);
        assertThat(plan.value(Plan.class).orElseThrow().instances()).isEqualTo(5);
        assertThat(OperatorRecords.problem(plan, TrustStore.of(operator.verifyingKey()))).isNull();
        model.refresh();
        assertThat(model.current().snapshot().apps().getFirst().desired()).isEqualTo(5);
        assertThat(model.current().snapshot().health().level()).isEqualTo(Health.Level.DEGRADED);
    }

    @Test
    void aScaleAnsweredNoSubmitsNothingAndAnUnchangedCountAsksNothing() {
        model.refresh();
        assertThat(model.run(":scale billing 4").status()).isEqualTo(CommandResult.Status.CONFIRM);
        assertThat(model.confirm(false).message()).isEqualTo("cancelled: scale billing 3 -> 4 in lab");
        assertThat(model.run(":scale billing 3").message()).isEqualTo("billing already has 3 instances planned");
        assertThat(model.run(":scale nothing 3").status()).isEqualTo(CommandResult.Status.FAILED);
        assertThat(source.submitted()).isEmpty();
    }

    @Test
    void eventsAreAnAuditTrailWithTheSigningKeyAndItsVerification() {
        model.refresh();
        model.run(":scale billing 4");
        model.confirm(true);
        model.refresh();
        SigningKey stranger = SigningKey.generate();
        ClusterView v = source.view();
        source.put(OperatorRecords.sign(stranger, v.plan("billing").orElseThrow().withInstances(9), "billing", 3, 99));
        model.refresh();
        List<AuditEvent> events = model.current().snapshot().events();
        assertThat(events).filteredOn(e -> e.kind() == AuditEvent.Kind.PLAN).extracting(AuditEvent::trust)
                .containsExactly(AuditEvent.Trust.FORGED, AuditEvent.Trust.VERIFIED, AuditEvent.Trust.VERIFIED);
        assertThat(events.getFirst().text()).contains("plan billing revision 3: 9 x");
        assertThat(events.getFirst().signer()).isEqualTo(stranger.id().hex().substring(0, 12));
        assertThat(events).filteredOn(e -> e.kind() == AuditEvent.Kind.COMMAND).singleElement()
                .satisfies(e -> assertThat(e.text()).startsWith("scale billing 3 -> 4"));
    }

    @Test
    void intentionsAndPricesAreInTheAuditTrailWithSignerAndTrust() {
        model.refresh();
        SigningKey stranger = SigningKey.generate();
        io.mycelium.fabric.model.Intention allow = new io.mycelium.fabric.model.Intention("frontend", "billing",
                io.mycelium.fabric.model.Intention.Action.ALLOW);
        io.mycelium.fabric.model.Intention deny = new io.mycelium.fabric.model.Intention("*", "*", io.mycelium.fabric.model.Intention.Action.DENY);
        source.put(OperatorRecords.sign(operator, allow, allow.name(), 1, 10));
        source.put(OperatorRecords.sign(stranger, deny, deny.name(), 1, 11));
        source.put(OperatorRecords.sign(operator, new io.mycelium.fabric.model.Price(0.002, 0.001),
                io.mycelium.fabric.model.Price.CLUSTER, 1, 12));
        model.refresh();
        source.put(OperatorRecords.signDelete(operator, io.mycelium.fabric.model.RecordKind.INTENTION, allow.name(), 2, 13));
        model.refresh();
        List<AuditEvent> events = model.current().snapshot().events();
        assertThat(events).filteredOn(e -> e.kind() == AuditEvent.Kind.INTENTION).extracting(AuditEvent::text)
                .containsExactlyInAnyOrder("intention frontend > billing: allow revision 1", "intention default (* > *): deny revision 1",
                        "intention frontend > billing removed at revision 2");
        assertThat(events).filteredOn(e -> e.text().startsWith("intention default")).singleElement()
                .satisfies(e -> {
                    assertThat(e.trust()).isEqualTo(AuditEvent.Trust.FORGED);
                    assertThat(e.signer()).isEqualTo(stranger.id().hex().substring(0, 12));
                });
        assertThat(events).filteredOn(e -> e.text().startsWith("intention frontend > billing: allow")).singleElement()
                .satisfies(e -> assertThat(e.trust()).isEqualTo(AuditEvent.Trust.VERIFIED));
        assertThat(events).filteredOn(e -> e.kind() == AuditEvent.Kind.PRICE).singleElement()
                .satisfies(e -> {
                    assertThat(e.text()).isEqualTo("price revision 1: 0.002 credits per cpu-second, 0.001 per MB-hour");
                    assertThat(e.trust()).isEqualTo(AuditEvent.Trust.VERIFIED);
                    assertThat(e.signer()).isEqualTo(operator.id().hex().substring(0, 12));
                });
    }

    @Test
    void instanceStateChangesBecomeEvents() {
        model.refresh();
        cluster.instance("agent-2", "billing", 1, "billing-v1", InstanceState.FAILED, 1);
        model.refresh();
        assertThat(model.current().snapshot().events().getFirst().text())
                .isEqualTo("billing-1-v1 on agent-2 READY -> FAILED (restart 1): exited with 1");
    }

    @Test
    void aRefusedCommandShowsWhyAndIsLogged() {
        model.refresh();
        source.refuseNext("forged: signed by untrusted key abc");
        assertThat(model.run(":scale billing 2").status()).isEqualTo(CommandResult.Status.CONFIRM);
        CommandResult r = model.confirm(true);
        assertThat(r.status()).isEqualTo(CommandResult.Status.FAILED);
        assertThat(r.message()).isEqualTo("scale billing 3 -> 2 refused: forged: signed by untrusted key abc");
        model.refresh();
        assertThat(model.current().snapshot().events().getFirst().text()).startsWith("refused: scale billing");
    }

    @Test
    void readOnlyConsoleRefusesActionsAndSaysWhy() {
        ConsoleModel ro = new ConsoleModel(List.of(session), true, clock::get);
        CommandResult r = ro.run(":scale billing 2");
        assertThat(r.status()).isEqualTo(CommandResult.Status.FAILED);
        assertThat(r.message()).contains("read-only");
        assertThat(source.submitted()).isEmpty();
    }

    @Test
    void aMemberTheConsoleCannotSeeIsMarkedAndItsRowsGrowOld() {
        model.refresh();
        source.member("agent-3", io.mycelium.fabric.model.Role.AGENT, MemberStatus.DEAD);
        clock.addAndGet(45_000);
        model.refresh();
        ClusterSnapshot s = model.current().snapshot();
        assertThat(s.nodes()).filteredOn(n -> n.id().equals("agent-3")).singleElement().satisfies(n -> {
            assertThat(n.visible()).isFalse();
            assertThat(n.ageMs()).isEqualTo(45_000);
        });
        assertThat(s.health().level()).isEqualTo(Health.Level.PARTITIONED);
        assertThat(s.apps().getFirst().ready()).isEqualTo(2);
        assertThat(s.instances()).filteredOn(i -> i.node().equals("agent-3")).singleElement()
                .satisfies(i -> assertThat(i.nodeVisible()).isFalse());
    }

    @Test
    void lostConnectionShowsInHealthAndCommandsAreRefused() {
        source.connected(false);
        model.refresh();
        assertThat(model.current().snapshot().health().level()).isEqualTo(Health.Level.DISCONNECTED);
        assertThat(model.run(":scale billing 4").message()).contains("no member of lab is reachable");
    }

    @Test
    void aConsoleThatFindsTheClusterAgainIsHealthyAndActsAgain() {
        source.connected(false);
        model.refresh();
        assertThat(model.current().snapshot().health().level()).isEqualTo(Health.Level.DISCONNECTED);
        source.connected(true);
        clock.addAndGet(1000);
        model.refresh();
        assertThat(model.current().snapshot().health().level()).isEqualTo(Health.Level.OK);
        assertThat(model.run(":scale billing 4").message()).endsWith("? y/n");
        assertThat(model.confirm(true).message()).startsWith("scale billing 3 -> 4 submitted");
    }

    @Test
    void seriesFollowTheEdgeTelemetryOncePerSecond() {
        for (int i = 1; i <= 4; i++) {
            cluster.traffic(Map.of("billing", 10.0 * i), Map.of("billing", 5.0 * i));
            model.refresh();
            clock.addAndGet(1000);
        }
        AppRow a = model.current().snapshot().apps().getFirst();
        assertThat(a.rpsSeries().values()).containsExactly(10.0, 20.0, 30.0, 40.0);
        assertThat(a.p99Series().values()).containsExactly(5.0, 10.0, 15.0, 20.0);
        assertThat(a.rps()).isEqualTo(40.0);
    }

    @Test
    void enterDrillsFromAppToItsInstancesToLogsAndEscGoesBack() {
        source.logs("billing-0-v1", List.of("started", "GET /pay 200"));
        model.run(":apps");
        model.refresh();
        assertThat(model.drill()).isTrue();
        assertThat(model.navigator().route()).isEqualTo(new Route(ViewKind.INSTANCES, "billing"));
        assertThat(model.table().rows()).hasSize(3);
        assertThat(model.drill()).isTrue();
        model.refresh();
        assertThat(model.logs().lines()).containsExactly("started", "GET /pay 200");
        assertThat(model.logs().search("get")).containsExactly("GET /pay 200");
        assertThat(model.navigator().back()).isTrue();
        assertThat(model.navigator().back()).isTrue();
        assertThat(model.navigator().route().view()).isEqualTo(ViewKind.APPS);
    }

    @Test
    void filterAndSortNarrowAndOrderTheTable() {
        cluster.app("search", "search-v1", 2);
        model.refresh();
        model.run(":instances");
        model.run(":filter search");
        assertThat(model.table().rows()).extracting(r -> r.cells().get(0)).containsExactly("search-0-v1", "search-1-v1");
        model.run(":filter");
        model.run(":sort node");
        model.run(":sort node");
        Table t = model.table();
        assertThat(t.rows().getFirst().cells().get(2)).isEqualTo("agent-3");
    }

    @Test
    void severalClustersSwitchAndMergeWithAClusterColumn() {
        InMemorySource other = new InMemorySource("lab-2", clock::get, operator);
        new SimulatedCluster(other, operator, 1).app("web", "web-v1", 1);
        ConsoleModel two = new ConsoleModel(List.of(session, new ClusterSession(other, Optional.empty())), false, clock::get);
        two.refresh();
        two.run(":apps");
        assertThat(two.table().rows()).extracting(r -> r.cells().get(0)).containsExactly("billing");
        assertThat(two.run(":cluster lab-2").status()).isEqualTo(CommandResult.Status.OK);
        assertThat(two.table().rows()).extracting(r -> r.cells().get(0)).containsExactly("web");
        two.run(":cluster all");
        Table merged = two.table();
        assertThat(merged.columns().getFirst().name()).isEqualTo("CLUSTER");
        assertThat(merged.rows()).extracting(r -> r.cells().get(0) + "/" + r.cells().get(1) + "#" + r.clusterTag())
                .containsExactly("lab/billing#0", "lab-2/web#1");
        assertThat(two.run(":cluster nope").message()).contains("open are lab, lab-2");
    }

    @Test
    void rolloutStartSubmitsPlanAndCommandAndAbortAsksFirst() {
        Plan bg = Plan.of("shop", SimulatedCluster.digest("shop-v1"), 2).withStrategy(UpdateStrategy.blueGreen(null));
        cluster.plan(bg).run("shop", "shop-v1", 2);
        model.refresh();
        String target = SimulatedCluster.digest("shop-v2").toString();
        CommandResult ask = model.run(":rollout start shop " + target);
        assertThat(ask.status()).as(ask.message()).isEqualTo(CommandResult.Status.CONFIRM);
        assertThat(ask.message()).startsWith("rollout start shop -> " + SimulatedCluster.digest("shop-v2").shortForm() + " in lab: "
                + "this rollout will cost ~").contains("credits/h while both revisions run (4 instances;").endsWith("? y/n");
        assertThat(source.submitted()).as("nothing before the yes").isEmpty();
        CommandResult started = model.confirm(true);
        assertThat(started.status()).as(started.message()).isEqualTo(CommandResult.Status.OK);
        List<FabricRecord> sent = source.submitted();
        assertThat(sent).extracting(r -> r.key().kind()).containsExactly(RecordKind.PLAN, RecordKind.ROLLOUT);
        model.refresh();
        assertThat(model.current().snapshot().rollouts()).filteredOn(r -> r.app().equals("shop")).singleElement()
                .satisfies(r -> assertThat(r.desired()).isEqualTo(SimulatedCluster.digest("shop-v2").shortForm()));
        ask = model.run(":rollout abort shop");
        assertThat(ask.status()).isEqualTo(CommandResult.Status.CONFIRM);
        assertThat(ask.message()).startsWith("rollout abort shop in lab?");
        assertThat(source.submitted()).hasSize(2);
        assertThat(model.confirm(true).status()).isEqualTo(CommandResult.Status.OK);
        assertThat(source.submitted()).hasSize(3);
    }

    @Test
    void promoteWithoutARolloutIsRefusedWithTheFabricsReason() {
        model.refresh();
        CommandResult r = model.run(":rollout promote billing");
        assertThat(r.status()).isEqualTo(CommandResult.Status.FAILED);
        assertThat(r.message()).startsWith("rollout promote billing: ");
        assertThat(source.submitted()).isEmpty();
    }

    @Test
    void applyReadsAPlanFileAsMeshPlanApplyDoesWithTheSporesDigestAndNutrients(@TempDir Path dir) throws Exception {
        model.refresh();
        PackedSpore web = TestSpores.shell(dir, "web", "1.0.0", "echo web", m -> m.withNutrients(new Nutrients(300, 96)), operator);
        Path file = Files.writeString(dir.resolve("web.json"), "{\"app\": \"web\", \"instances\": 2, \"spore\": \""
                + dir.relativize(web.path()) + "\"}");
        CommandResult r = model.run(":apply " + file);
        assertThat(r.status()).as(r.message()).isEqualTo(CommandResult.Status.OK);
        Plan applied = source.submitted().getLast().value(Plan.class).orElseThrow();
        assertThat(applied.digest()).isEqualTo(web.digest());
        assertThat(applied.cpuMilli()).isEqualTo(300);
        assertThat(applied.memoryMb()).isEqualTo(96);

        Path unknown = Files.writeString(dir.resolve("other.json"), io.mycelium.fabric.model.Json.write(Plan.of("other", SimulatedCluster.digest("x"), 1)));
        assertThat(model.run(":apply " + unknown).message()).contains("nutrients are unknown: publish it first (:publish FILE.spore)");
        Path noDigest = Files.writeString(dir.resolve("nodigest.json"), "{\"app\": \"web\"}");
        assertThat(model.run(":apply " + noDigest).message()).contains("names no digest");
        Path notJson = Files.writeString(dir.resolve("bad.json"), "app: web");
        assertThat(model.run(":apply " + notJson).message()).contains("not JSON");
        assertThat(model.run(":apply " + dir.resolve("missing.json")).message()).startsWith("no file ");
        assertThat(source.submitted()).hasSize(1);
    }

    @Test
    void publishUploadsASignedSporeThenItsDigestCanBePlannedWithItsNutrients(@TempDir Path dir) throws Exception {
        model.refresh();
        PackedSpore v2 = TestSpores.shell(dir, "billing", "2.0.0", "echo billing", m -> m.withNutrients(new Nutrients(300, 96)), operator);
        CommandResult r = model.run(":publish " + v2.path());
        assertThat(r.status()).as(r.message()).isEqualTo(CommandResult.Status.OK);
        assertThat(r.message()).startsWith("publish billing 2.0.0 " + v2.digest().shortForm() + " (signed by " + operator.id().shortForm() + ")");
        assertThat(source.actions()).containsExactly("publish " + v2.digest());
        model.refresh();
        assertThat(model.current().snapshot().events()).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo(AuditEvent.Kind.COMMAND);
            assertThat(e.text()).contains("publish billing 2.0.0");
        });

        assertThat(model.run(":plan billing").status()).isEqualTo(CommandResult.Status.FORM);
        model.editForm(model.form().orElseThrow().with(PlanDraft.Field.DIGEST, v2.digest().toString()));
        CommandResult ask = model.submitForm();
        assertThat(ask.status()).as(ask.message()).isEqualTo(CommandResult.Status.CONFIRM);
        assertThat(ask.message()).startsWith("apply plan billing: 3 x " + v2.digest().shortForm() + ", strategy surge in lab?");
        CommandResult done = model.confirm(true);
        assertThat(done.status()).as(done.message()).isEqualTo(CommandResult.Status.OK);
        Plan applied = source.submitted().getLast().value(Plan.class).orElseThrow();
        assertThat(applied.digest()).isEqualTo(v2.digest());
        assertThat(applied.cpuMilli()).isEqualTo(300);

        assertThat(model.run(":publish " + dir.resolve("none.spore")).message()).startsWith("no file ");
        Path fake = Files.writeString(dir.resolve("fake.spore"), "not a spore");
        assertThat(model.run(":publish " + fake).message()).contains("is not a spore");
        source.refuseNext("agent refused: publisher key 9f is not trusted by this agent");
        assertThat(model.run(":publish " + v2.path()).message()).contains("refused: agent refused: publisher key 9f is not trusted");
    }

    @Test
    void planFormRefusesAnInvalidDraftAndKeepsItOpen() {
        model.refresh();
        assertThat(model.run(":plan").message()).isEqualTo("plan form: a new plan");
        assertThat(model.form().orElseThrow().app()).isEmpty();
        CommandResult r = model.submitForm();
        assertThat(r.status()).isEqualTo(CommandResult.Status.FAILED);
        assertThat(r.message()).startsWith("app: needed");
        assertThat(model.form()).isPresent();
        model.editForm(new PlanDraft("web", SimulatedCluster.digest("web-v9").toString(), "2", "canary"));
        CommandResult ask = model.submitForm();
        assertThat(ask.status()).as(ask.message()).isEqualTo(CommandResult.Status.CONFIRM);
        assertThat(model.form()).isEmpty();
        assertThat(model.confirm(true).message()).contains("publish it first");
        assertThat(source.submitted()).isEmpty();
        ConsoleModel readonly = new ConsoleModel(List.of(session), true, clock::get);
        assertThat(readonly.run(":plan").message()).contains("read-only");
    }

    @Test
    void describeListsTheSelectedRowsFields() {
        model.refresh();
        model.run(":nodes");
        assertThat(model.describe()).first().asString().startsWith("node agent-1 (agent, alive)");
    }

    @Test
    void describeOfAnAppExplainsItsMissingSlotsAsTheCliDoes() {
        model.refresh();
        model.run(":scale billing 5");
        model.confirm(true);
        model.refresh();
        assertThat(model.current().snapshot().explanations()).extracting(e -> e.slot()).containsExactly(3, 4);
        model.run(":apps");
        assertThat(model.describe()).anySatisfy(l -> assertThat(l).startsWith("slot 3").contains("waiting"));
    }

    @Test
    void restartAsksFirstThenGoesToTheInstancesAgentAndIsLoggedWithTheKey() {
        model.refresh();
        CommandResult ask = model.run(":restart billing-1-v1");
        assertThat(ask.status()).isEqualTo(CommandResult.Status.CONFIRM);
        assertThat(ask.message()).startsWith("restart billing-1-v1 on agent-2 in lab?");
        CommandResult done = model.confirm(true);
        assertThat(done.status()).as(done.message()).isEqualTo(CommandResult.Status.OK);
        assertThat(source.actions()).containsExactly("restart billing-1-v1 on agent-2");
        model.refresh();
        assertThat(model.current().snapshot().instances()).filteredOn(i -> i.id().equals("billing-1-v1"))
                .singleElement().satisfies(i -> assertThat(i.restarts()).isEqualTo(1));
        assertThat(model.current().snapshot().events()).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo(AuditEvent.Kind.COMMAND);
            assertThat(e.signer()).isEqualTo(operator.id().shortForm());
        });
        assertThat(model.run(":stop nope-0").message()).startsWith("no instance 'nope-0' in lab");
        source.refuseNext("agent refused: operator key 1a2b is not trusted by this agent");
        model.run(":stop billing-0-v1");
        assertThat(model.confirm(true).message()).contains("refused: agent refused: operator key 1a2b is not trusted");
    }

    @Test
    void aBudgetShowsInTheSnapshotAndAsTheAppsViewsBudgetColumn() {
        model.refresh();
        assertThat(model.current().snapshot().budgets()).isEmpty();
        assertThat(source.submit(new io.mycelium.fabric.model.Budget("billing", 250, 10, 1, 3, 5, clock.get()), "billing").accepted()).isTrue();
        model.refresh();
        ClusterSnapshot s = model.current().snapshot();
        assertThat(s.budget("billing")).hasValueSatisfying(b -> {
            assertThat(b.balance()).isEqualTo(250.0);
            assertThat(b.ratePerHour()).isEqualTo(10.0);
            assertThat(b.min()).isEqualTo(1);
            assertThat(b.max()).isEqualTo(3);
            assertThat(b.admitted()).isEqualTo(3);
            assertThat(b.reason()).isEmpty();
        });
        model.run(":apps");
        Table t = model.table();
        int column = t.columns().stream().map(Table.Column::name).toList().indexOf("BUDGET");
        assertThat(column).isPositive();
        assertThat(t.rows().getFirst().cells().get(column)).isEqualTo("250.00 0.00/h 1..3");
    }

    @Test
    void theAutoscalersDecisionAndWhyShowInTheSnapshotAsInMeshBudgetShow() {
        // the decision is a node-owned record of one of the app's publishers; the console reads the same row as the CLI
        assertThat(source.submit(new io.mycelium.fabric.model.Budget("billing", 250, 10, 1, 6, 0, clock.get()), "billing").accepted()).isTrue();
        io.mycelium.fabric.model.ScaleDecision d = new io.mycelium.fabric.model.ScaleDecision("billing", 5, 640, 300, 42.0,
                "scale out: p99 640 ms over the target 300 ms (±10%) at 42.0 req/s", clock.get(), clock.get(), List.of());
        source.put(new FabricRecord(io.mycelium.fabric.state.RecordKey.node(RecordKind.SCALE, "agent-1", "billing"),
                new io.mycelium.fabric.state.Version(1, 1, ""), io.mycelium.fabric.model.Json.write(d), ""));
        model.refresh();
        assertThat(model.current().snapshot().budget("billing")).hasValueSatisfying(b -> {
            assertThat(b.desired()).isEqualTo(5);
            assertThat(b.autoscale()).isEqualTo("desired 5: scale out: p99 640 ms over the target 300 ms (±10%) at 42.0 req/s");
            assertThat(b.wanted()).as("the autoscaler's count replaces the plan's 3").isEqualTo(5);
        });
    }
}
