package io.mycelium.client.rows;

import static org.assertj.core.api.Assertions.assertThat;

import io.mycelium.client.api.ApiDocuments.AppRow;
import io.mycelium.client.api.ApiDocuments.InstanceRow;
import io.mycelium.client.api.ApiDocuments.PlanRow;
import io.mycelium.client.testing.ViewBuilder;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.membership.MemberStatus;
import io.mycelium.fabric.model.EndpointRecord;
import io.mycelium.fabric.model.EndpointState;
import io.mycelium.fabric.model.InstanceRecord;
import io.mycelium.fabric.model.InstanceState;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.placement.PlacementResult;
import io.mycelium.fabric.placement.SlotId;
import io.mycelium.spore.digest.Digest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowsTest {
    private static final Digest V1 = Digest.of("v1".getBytes(StandardCharsets.UTF_8));
    private static final Digest V2 = Digest.of("v2".getBytes(StandardCharsets.UTF_8));

    private static ClusterView twoAgentsOneDead() {
        return new ViewBuilder("a").agent("a").agent("b").agent("gone", MemberStatus.DEAD, Map.of())
                .plan(Plan.of("web", V2, 3), 4)
                .instance("a", new InstanceRecord("web-0", "web", 0, V2, InstanceState.READY, 0, "", 4242))
                .instance("b", new InstanceRecord("web-1", "web", 1, V2, InstanceState.READY, 1, "", 5151))
                .instance("b", new InstanceRecord("web-2", "web", 2, V1, InstanceState.DRAINING, 0, "replaced"))
                .instance("gone", new InstanceRecord("web-9", "web", 0, V2, InstanceState.READY, 0, "", 99))
                .endpoint("b", new EndpointRecord("web", "web-1", V2, "127.0.0.1", 9001, EndpointState.READY))
                .instance("b", new InstanceRecord("db-0", "db", 0, V1, InstanceState.READY, 0, "", 6161))
                .build();
    }

    @Test
    void instanceRowsCarryThePidOfInstancesOnOtherNodesAndSkipDeadNodes() {
        List<InstanceRow> rows = InstanceRows.of(twoAgentsOneDead(), null, null);
        assertThat(rows).extracting(InstanceRow::id).containsExactlyInAnyOrder("web-0", "web-1", "web-2", "db-0");
        InstanceRow remote = rows.stream().filter(r -> r.id().equals("web-1")).findFirst().orElseThrow();
        assertThat(remote.pid()).isEqualTo(5151L);
        assertThat(remote.port()).isEqualTo(9001);
        assertThat(remote.node()).isEqualTo("b");
        assertThat(remote.nodeApi()).isEqualTo("http://b:7070");
        assertThat(rows.stream().filter(r -> r.id().equals("web-2")).findFirst().orElseThrow().pid()).isNull();
    }

    @Test
    void seenRowsKeepTheInstancesOfMembersTheViewCannotSee() {
        List<InstanceRow> rows = InstanceRows.seen(twoAgentsOneDead());
        assertThat(rows).extracting(InstanceRow::id).containsExactlyInAnyOrder("web-0", "web-1", "web-2", "web-9", "db-0");
        assertThat(rows.stream().filter(r -> r.id().equals("web-9")).findFirst().orElseThrow().node()).isEqualTo("gone");
    }

    @Test
    void theSupervisorOfTheAnsweringAgentOverridesItsOwnRecords() {
        Instant since = Instant.parse("2026-12-07T03:00:00Z");
        List<InstanceRow> rows = InstanceRows.of(twoAgentsOneDead(), "web", "a",
                List.of(new SupervisedInstance("web-0", "launching", 2, "restarting", 777, 8123, since)));
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.state()).isEqualTo("launching");
            assertThat(r.pid()).isEqualTo(777L);
            assertThat(r.port()).isEqualTo(8123);
            assertThat(r.since()).isEqualTo(since.toString());
            assertThat(r.restarts()).isEqualTo(2);
        });
    }

    @Test
    void appRowCountsReadyOnThePlansDigestAndInstancesOnOthers() {
        ClusterView view = twoAgentsOneDead();
        List<InstanceRow> instances = InstanceRows.of(view, null, null);
        List<PlacementResult.Unplaced> unplaced = List.of(new PlacementResult.Unplaced(new SlotId("web", 2), "no node has 4096 MB free"),
                new PlacementResult.Unplaced(new SlotId("db", 0), "not this app"));
        AppRow web = AppRows.row(view, "web", instances, unplaced);
        assertThat(web.revision()).isEqualTo(4);
        assertThat(web.signer()).isEqualTo(ViewBuilder.OPERATOR.id().hex());
        assertThat(web.desired()).isEqualTo(3);
        assertThat(web.ready()).isEqualTo(2);
        assertThat(web.onOtherDigest()).isEqualTo(1);
        assertThat(web.states()).containsExactlyInAnyOrderEntriesOf(Map.of("ready", 2, "draining", 1));
        assertThat(web.unplaced()).singleElement().satisfies(u -> assertThat(u.reason()).contains("4096"));
        assertThat(AppRows.all(view, instances, unplaced)).extracting(AppRow::app).containsExactly("db", "web");
        AppRow db = AppRows.row(view, "db", instances, List.of());
        assertThat(db.plan()).isNull();
        assertThat(db.revision()).isZero();
    }

    @Test
    void planRowsNameRevisionAndSigner() {
        ClusterView view = twoAgentsOneDead();
        assertThat(PlanRows.all(view)).singleElement().satisfies(p -> {
            assertThat(p.app()).isEqualTo("web");
            assertThat(p.revision()).isEqualTo(4);
            assertThat(p.signer()).isEqualTo(ViewBuilder.OPERATOR.id().hex());
        });
        assertThat(PlanRows.of(view, "db")).isEmpty();
        assertThat(PlanRows.of(view, "web")).map(PlanRow::plan).map(Plan::instances).contains(3);
    }
}
