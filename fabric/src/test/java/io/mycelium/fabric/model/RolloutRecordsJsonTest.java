package io.mycelium.fabric.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mycelium.fabric.model.RevisionEntry.Outcome;
import io.mycelium.fabric.model.RolloutProgress.Event;
import io.mycelium.fabric.model.RolloutProgress.Mark;
import io.mycelium.fabric.model.UpdateStrategy.Analysis;
import io.mycelium.fabric.model.UpdateStrategy.CanaryStep;
import io.mycelium.fabric.model.UpdateStrategy.NoDataAction;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.fabric.state.MergeOutcome;
import io.mycelium.fabric.state.RecordKey;
import io.mycelium.fabric.state.StateStore;
import io.mycelium.fabric.state.Version;
import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.key.TrustStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RolloutRecordsJsonTest {
    private static final Digest V1 = Digest.of("v1".getBytes(StandardCharsets.UTF_8));
    private static final Digest V2 = Digest.of("v2".getBytes(StandardCharsets.UTF_8));

    private static <T> void roundTrips(T value, Class<T> type) {
        String json = Json.write(value);
        assertThat(Json.read(json, type)).isEqualTo(value);
        assertThat(Json.write(Json.read(json, type))).as("canonical: the same bytes again").isEqualTo(json);
    }

    @Test
    void aSurgePlanEncodesAsItDidBeforeRollouts() {
        assertThat(Json.write(UpdateStrategy.DEFAULT)).isEqualTo("{\"batch\":1,\"kind\":\"SURGE\",\"warmup_ms\":0}");
        assertThat(Json.write(Plan.of("billing", V1, 2))).endsWith("\"strategy\":{\"batch\":1,\"kind\":\"SURGE\",\"warmup_ms\":0}}");
        Plan old = Json.read("{\"app\":\"billing\",\"digest\":\"" + V1 + "\",\"instances\":2,\"strategy\":{\"batch\":2,\"kind\":\"BLUE_GREEN\",\"warmup_ms\":500}}",
                Plan.class);
        assertThat(old.strategy()).isEqualTo(new UpdateStrategy(UpdateStrategy.Kind.BLUE_GREEN, 2, 500));
        assertThat(old.strategy().autoPromoteAfterMs()).as("a plan from before: manual promote").isNull();
    }

    @Test
    void strategiesRoundTrip() {
        roundTrips(UpdateStrategy.canary(List.of(new CanaryStep(10, 30_000L), new CanaryStep(50, null)))
                .withAutoPromoteAfterMs(60_000L).withAnalysis(new Analysis(true, 0.02, 250, 20_000, 50)).withOnNoData(NoDataAction.ABORT),
                UpdateStrategy.class);
        roundTrips(UpdateStrategy.rolling(2, 1, 5_000).withProgressDeadlineMs(90_000L), UpdateStrategy.class);
        roundTrips(UpdateStrategy.blueGreen(30_000L).withScaleDownDelayMs(10_000L), UpdateStrategy.class);
        assertThat(Json.write(UpdateStrategy.canary(List.of(new CanaryStep(10, null)))))
                .isEqualTo("{\"batch\":1,\"kind\":\"CANARY\",\"steps\":[{\"weight\":10}],\"warmup_ms\":0}");
    }

    @Test
    void aContradictoryPlanIsRefusedWhenRead() {
        assertThatThrownBy(() -> Json.read("{\"app\":\"billing\",\"digest\":\"" + V1 + "\",\"instances\":2,"
                + "\"strategy\":{\"batch\":1,\"kind\":\"ROLLING\",\"max_surge\":0,\"max_unavailable\":0}}", Plan.class))
                .hasMessageContaining("max_surge=0 and max_unavailable=0");
    }

    @Test
    void aCommandFromBeforeRolloutsStillReads() {
        RolloutCommand old = Json.read("{\"action\":\"PROMOTE\",\"app\":\"billing\",\"note\":\"\",\"target\":\"" + V2 + "\"}", RolloutCommand.class);
        assertThat(old).isEqualTo(new RolloutCommand("billing", RolloutCommand.Action.PROMOTE, V2, ""));
        assertThat(old.managed()).isFalse();
    }

    @Test
    void rolloutCommandsRoundTrip() {
        RolloutCommand c = new RolloutCommand("billing", RolloutCommand.Action.PAUSE, V2, "looks slow", V1, 77L << 16, false, 1, true, 0, 0,
                List.of(new RevisionEntry(V2, "2.0.0", "ab".repeat(32), 77, Outcome.IN_PROGRESS), new RevisionEntry(V1, "1.0.0", "", 5, Outcome.COMPLETED)));
        roundTrips(c, RolloutCommand.class);
        assertThat(Json.write(c)).contains("\"action\":\"PAUSE\"", "\"stable\":\"" + V1 + "\"", "\"promoted_steps\":1", "\"outcome\":\"IN_PROGRESS\"");
        assertThatThrownBy(() -> new RolloutCommand("billing", RolloutCommand.Action.START, null, ""))
                .hasMessage("rollout start of billing names no target revision");
        assertThatThrownBy(() -> new RolloutCommand("billing", RolloutCommand.Action.START, V1, "", V1, 1, false, 0, false, 0, 0, List.of()))
                .hasMessageContaining("stable and target are both");
    }

    @Test
    void progressKeepsTheEarliestOfEachMark() {
        RolloutProgress p = new RolloutProgress("billing", 99, V2, List.of(new Mark(Event.STEP_READY, 0, 500, ""),
                new Mark(Event.STEP_READY, 0, 400, ""), new Mark(Event.ABORTED, -1, 900, "analysis: error rate 30.0%")));
        assertThat(p.marks()).containsExactly(new Mark(Event.STEP_READY, 0, 400, ""), new Mark(Event.ABORTED, -1, 900, "analysis: error rate 30.0%"));
        roundTrips(p, RolloutProgress.class);
        assertThat(p.with(List.of(new Mark(Event.STEP_READY, 0, 450, ""))).marks()).contains(new Mark(Event.STEP_READY, 0, 400, ""));
    }

    @Test
    void routingReportsRoundTripWithDigestKeys() {
        RoutingReport r = new RoutingReport("billing", 99, Map.of(V1, 90, V2, 10), V2, Map.of(V1, 3L, V2, 0L));
        roundTrips(r, RoutingReport.class);
        assertThat(Json.write(r)).contains("\"in_flight\":{\"" + V1 + "\":3}", "\"weights\":{\"" + V1 + "\":90,\"" + V2 + "\":10}");
        assertThat(r.inFlightTo(V2)).isZero();
        assertThatThrownBy(() -> Json.read("{\"app\":\"billing\",\"rollout\":1,\"weights\":{\"v1\":100}}", RoutingReport.class))
                .hasMessageContaining("malformed RoutingReport");
    }

    @Test
    void telemetryWithoutRevisionsEncodesAsBefore() {
        assertThat(Json.write(new Telemetry(Map.of("x", 1.0)))).isEqualTo("{\"metrics\":{\"x\":1.0}}");
        roundTrips(new Telemetry(Map.of("p99_ms.billing", 4.0), List.of(new RevisionTraffic("billing", V2, 100, 3, 12.5, 5000, 1000))), Telemetry.class);
        assertThatThrownBy(() -> new RevisionTraffic("billing", V2, 1, 2, 0, 0, 0)).hasMessageContaining("2 errors in 1 requests");
    }

    @Test
    void newKindsGoLastSoOldKindNumbersStay() {
        assertThat(RecordKind.HOLDINGS.ordinal()).isEqualTo(8);
        assertThat(RecordKind.ROLLOUT_PROGRESS.ordinal()).isEqualTo(9);
        assertThat(RecordKind.ROUTING.ordinal()).isEqualTo(10);
        assertThat(RecordKind.of(new RoutingReport("billing", 0, Map.of(), null, Map.of()))).isEqualTo(RecordKind.ROUTING);
        assertThat(RecordKind.parse("rollout_progress")).isEqualTo(RecordKind.ROLLOUT_PROGRESS);
    }

    @Test
    void theStoreValidatesTheNewNodeOwnedRecords() {
        StateStore store = new StateStore(TrustStore.of(), true);
        FabricRecord good = new FabricRecord(RecordKey.node(RecordKind.ROUTING, "e1", "billing"), new Version(1, 1, ""),
                Json.write(new RoutingReport("billing", 1, Map.of(V1, 100), null, Map.of())), "");
        assertThat(store.offer(good, 0).applied()).isTrue();
        FabricRecord bad = new FabricRecord(RecordKey.node(RecordKind.ROUTING, "e1", "billing"), new Version(1, 2, ""),
                "{\"app\":\"billing\",\"rollout\":1,\"weights\":{\"" + V1 + "\":-5}}", "");
        assertThat(store.offer(bad, 0).kind()).isEqualTo(MergeOutcome.Kind.MALFORMED);
    }
}
