package io.mycelium.console.fx;

import static org.assertj.core.api.Assertions.assertThat;

import io.mycelium.console.model.CallRow;
import io.mycelium.console.model.ClusterSession;
import io.mycelium.console.model.ConsoleModel;
import io.mycelium.console.source.InMemorySource;
import io.mycelium.console.source.SimulatedCluster;
import io.mycelium.console.view.Tone;
import io.mycelium.fabric.model.Telemetry;
import io.mycelium.spore.key.SigningKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Hyphae calls as the agents publish them ({@code calls_rps.<app>}, {@code calls_p99_ms.<app>} in
 * the calling agent's telemetry) on the dashboard: a dashed curve from the caller's hub to each hub
 * of the called app, wider for more calls per second, painted in the calls' colour; and the same
 * calls listed in the side panel (overview, the calling node, the called app).
 */
@ExtendWith(ApplicationExtension.class)
class CallsDrawnTest {
    private final SigningKey key = SigningKey.generate();
    private InMemorySource source;
    private Dashboard dash;

    @Start
    void start(Stage stage) {
        source = new InMemorySource("lab", System::currentTimeMillis, key);
        // round robin: frontend-0 on agent-1, billing-0 on agent-2, billing-1 on agent-3
        new SimulatedCluster(source, key, 3).app("frontend", "frontend-v1", 1).app("billing", "billing-v1", 2);
        source.publish("agent-1", new Telemetry(Map.of(CallRow.RPS + "billing", 40.0, CallRow.P99 + "billing", 12.0)));
        source.publish("agent-2", new Telemetry(Map.of(CallRow.RPS + "frontend", 2.0)));
        ConsoleModel model = new ConsoleModel(List.of(new ClusterSession(source, Optional.empty())), false, System::currentTimeMillis);
        dash = new Dashboard(model, Theme.DARK, System::currentTimeMillis);
        stage.setScene(dash.scene(1280, 800));
        stage.show();
        dash.start();
    }

    private void await(String what, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("waited 10 s for: " + what + " (drawn: " + dash.graph.drawnCalls() + ")", e);
        }
    }

    private List<String> sideLines(FxRobot robot) {
        return robot.lookup("#side").queryParent().lookupAll(".label").stream().map(n -> ((Label) n).getText()).toList();
    }

    @Test
    void callsAreDrawnBetweenCallerAndCalleeWiderForMoreCallsAndListedInTheSidePanel(FxRobot robot) throws Exception {
        await("three calls drawn", () -> dash.graph.drawnCalls().size() == 3);
        List<GraphView.DrawnCall> drawn = dash.graph.drawnCalls();
        assertThat(drawn).extracting(c -> c.from() + ">" + c.to() + ":" + c.app())
                .containsExactlyInAnyOrder("agent-1>agent-2:billing", "agent-1>agent-3:billing", "agent-2>agent-1:frontend");
        GraphView.DrawnCall heavy = drawn.stream().filter(c -> c.to().equals("agent-2")).findFirst().orElseThrow();
        GraphView.DrawnCall light = drawn.stream().filter(c -> c.app().equals("frontend")).findFirst().orElseThrow();
        assertThat(heavy.rps()).isEqualTo(40.0);
        assertThat(heavy.width()).as("40 calls/s drawn wider than 2/s").isGreaterThan(light.width() + 1);
        assertThat(light.width()).isEqualTo(GraphView.width(2.0));

        // the curve is on screen in the calls' colour (amber, partly transparent over the background)
        AtomicReference<WritableImage> image = new AtomicReference<>();
        robot.interact(() -> image.set(dash.graph.snapshot(null, null)));
        PixelReader px = image.get().getPixelReader();
        Color amber = Theme.DARK.tone(Tone.WARN);
        int onCurve = 0;
        for (double t = 0.15; t <= 0.4; t += 0.01) {
            Point2D p = dash.graph.toView(heavy.at(t));
            Color c = px.getColor((int) Math.round(p.getX()), (int) Math.round(p.getY()));
            if (Math.abs(c.getRed() - amber.getRed()) < 0.2 && Math.abs(c.getGreen() - amber.getGreen()) < 0.2
                    && Math.abs(c.getBlue() - amber.getBlue()) < 0.2) {
                onCurve++;
            }
        }
        assertThat(onCurve).as("amber pixels along agent-1 -> agent-2 (dashed: some fall in gaps)").isGreaterThanOrEqualTo(5);

        List<String> overview = sideLines(robot);
        assertThat(overview).contains("app-to-app calls (hyphae)", "agent-1 \u2192 billing  40/s, p99 12ms", "agent-2 \u2192 frontend  2.0/s");

        robot.interact(() -> dash.select(new Selection(Selection.Kind.NODE, "agent-1")));
        await("agent-1's panel", () -> sideLines(robot).contains("node agent-1"));
        assertThat(sideLines(robot)).contains("calls from its workloads (hyphae)", "agent-1 \u2192 billing  40/s, p99 12ms")
                .doesNotContain("agent-2 \u2192 frontend  2.0/s");

        robot.interact(() -> dash.select(new Selection(Selection.Kind.APP, "billing")));
        await("billing's panel", () -> sideLines(robot).contains("app billing"));
        assertThat(sideLines(robot)).contains("calls to billing through the hyphae", "agent-1 \u2192 billing  40/s, p99 12ms");
    }
}
