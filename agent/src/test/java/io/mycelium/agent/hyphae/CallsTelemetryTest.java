package io.mycelium.agent.hyphae;

import static org.assertj.core.api.Assertions.assertThat;

import io.mycelium.edge.observe.AppLatency;
import io.mycelium.fabric.model.Telemetry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallsTelemetryTest {
    private final List<Object> published = new ArrayList<>();
    private final CallsTelemetry sink = new CallsTelemetry(published::add);

    private static AppLatency calls(String app, long requests, long p99Ms) {
        return new AppLatency(app, requests, Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(p99Ms), Duration.ofSeconds(2));
    }

    @Test
    void aWindowsCallsPerTargetAppArePublishedAsTheNodesTelemetryAndSilenceOnce() {
        sink.publish(List.of(calls("billing", 25, 12), calls("greeter", 3, 4)));
        sink.publish(List.of());
        sink.publish(List.of());

        assertThat(published).hasSize(2);
        assertThat(((Telemetry) published.get(0)).metrics()).isEqualTo(Map.of(
                Telemetry.CALLS_RPS + "billing", 12.5, Telemetry.CALLS_P99_MS + "billing", 12.0,
                Telemetry.CALLS_RPS + "greeter", 1.5, Telemetry.CALLS_P99_MS + "greeter", 4.0));
        assertThat(((Telemetry) published.get(1)).metrics()).as("the calls stopped: published once, empty").isEmpty();
    }
}
