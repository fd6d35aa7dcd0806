package io.mycelium.console.fx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mycelium.console.fx.GraphScene.Grouping;
import io.mycelium.console.model.ClusterSession;
import io.mycelium.console.model.ConsoleModel;
import io.mycelium.console.source.InMemorySource;
import io.mycelium.console.source.SimulatedCluster;
import io.mycelium.fabric.model.InstanceState;
import io.mycelium.spore.key.SigningKey;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The graph canvas on its own, under a fake clock: hyphae glide to their new places around a hub
 * when a sibling is added or removed while the other hubs' hyphae stay put, and the whole cluster
 * as one hub when grouped by cluster.
 */
@ExtendWith(ApplicationExtension.class)
class GraphViewTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final SigningKey key = SigningKey.generate();
    private InMemorySource source;
    private SimulatedCluster cluster;
    private ConsoleModel model;
    private GraphView graph;

    @Start
    void start(Stage stage) {
        source = new InMemorySource("lab", now::get, key);
        cluster = new SimulatedCluster(source, key, 2).app("billing", "billing-v1", 4);
        model = new ConsoleModel(List.of(new ClusterSession(source, Optional.empty())), false, now::get);
        graph = new GraphView();
        stage.setScene(new Scene(new StackPane(graph), 900, 600));
        stage.show();
    }

    private void showNow(Grouping by) {
        model.refresh();
        graph.group(by);
        graph.show(GraphScene.of(model.shown(), by, GraphView.SIMPLIFY_ABOVE), now.get());
        graph.paint(now.get());
    }

    @Test
    void hyphaeGlideToTheirNewPlacesWhenASiblingComesOrGoesAndOtherHubsStayPut(FxRobot robot) {
        // agent-1 runs billing-0 and billing-2, agent-2 billing-1 and billing-3
        robot.interact(() -> showNow(Grouping.NODE));
        double before = graph.paintedAngle("billing-0-v1");
        double other = graph.paintedAngle("billing-1-v1");
        assertThat(before).isEqualTo(GraphView.angle(0, 2));

        cluster.instance("agent-1", "billing", 4, "billing-v1", InstanceState.LAUNCHING, 0);
        now.addAndGet(10);
        robot.interact(() -> showNow(Grouping.NODE));
        assertThat(graph.paintedAngle("billing-0-v1")).as("no jump on the frame of the change").isCloseTo(before, within(1e-9));
        now.addAndGet(GraphView.GROW_MS / 2);
        robot.interact(() -> graph.paint(now.get()));
        double half = graph.paintedAngle("billing-0-v1");
        assertThat(half).as("half-way").isStrictlyBetween(Math.min(before, GraphView.angle(0, 3)), Math.max(before, GraphView.angle(0, 3)));
        now.addAndGet(GraphView.GROW_MS);
        robot.interact(() -> graph.paint(now.get()));
        assertThat(graph.paintedAngle("billing-0-v1")).as("arrived among three").isCloseTo(GraphView.angle(0, 3), within(1e-9));
        assertThat(graph.paintedAngle("billing-1-v1")).as("another hub's hypha never moved").isEqualTo(other);

        source.remove("agent-1", "billing-4-v1");
        now.addAndGet(10);
        robot.interact(() -> showNow(Grouping.NODE));
        assertThat(graph.paintedAngle("billing-0-v1")).isCloseTo(GraphView.angle(0, 3), within(1e-9));
        now.addAndGet(GraphView.GROW_MS + 10);
        robot.interact(() -> graph.paint(now.get()));
        assertThat(graph.paintedAngle("billing-0-v1")).as("back among two").isCloseTo(before, within(1e-9));
        assertThat(graph.paintedAngle("billing-1-v1")).isEqualTo(other);
    }

    @Test
    void groupedByClusterTheWholeClusterIsOneHubAndAClickOnItSelectsTheCluster(FxRobot robot) {
        robot.interact(() -> showNow(Grouping.CLUSTER));
        GraphScene scene = graph.scene();
        assertThat(scene.parts()).hasSize(1);
        assertThat(scene.parts().getFirst().groups()).singleElement().satisfies(g -> {
            assertThat(g.name()).isEqualTo("lab");
            assertThat(g.hyphae()).hasSize(4);
        });
        javafx.geometry.Point2D at = graph.where("lab").orElseThrow();
        robot.clickOn(graph.localToScreen(at));
        assertThat(graph.selected()).isEqualTo(new Selection(Selection.Kind.CLUSTER, "lab"));
    }

    @Test
    void theWheelZoomsAroundThePointerADragPansAndTheSearchCentresWhatMatches(FxRobot robot) {
        robot.interact(() -> showNow(Grouping.NODE));
        javafx.geometry.Point2D before = graph.where("agent-1").orElseThrow();
        double z0 = graph.zoom();
        robot.interact(() -> {
            graph.zoomBy(2, 0, 0);
            graph.paint(now.get());
        });
        javafx.geometry.Point2D zoomed = graph.where("agent-1").orElseThrow();
        assertThat(zoomed.getX()).as("twice as far from the zoom's centre").isCloseTo(before.getX() * 2, within(1e-6));
        assertThat(zoomed.getY()).isCloseTo(before.getY() * 2, within(1e-6));
        assertThat(graph.zoom()).isCloseTo(Math.min(4, z0 * 2), within(1e-9));

        javafx.geometry.Point2D start = graph.localToScreen(20, 20);
        robot.drag(start, javafx.scene.input.MouseButton.PRIMARY).moveBy(40, 30).release(javafx.scene.input.MouseButton.PRIMARY);
        robot.interact(() -> graph.paint(now.get()));
        javafx.geometry.Point2D panned = graph.where("agent-1").orElseThrow();
        assertThat(panned.getX() - zoomed.getX()).as("moved with the drag").isCloseTo(40, within(2.0));
        assertThat(panned.getY() - zoomed.getY()).isCloseTo(30, within(2.0));

        robot.interact(() -> {
            graph.search("AGENT-2");
            Selection first = graph.findFirst();
            assertThat(first).isEqualTo(new Selection(Selection.Kind.NODE, "agent-2"));
            graph.paint(now.get());
        });
        javafx.geometry.Point2D centred = graph.where("agent-2").orElseThrow();
        assertThat(centred.getX()).isCloseTo(graph.getWidth() / 2, within(1e-6));
        assertThat(centred.getY()).isCloseTo(graph.getHeight() / 2, within(1e-6));
    }
}
