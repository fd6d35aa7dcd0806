package io.mycelium.agent.api;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.mycelium.fabric.model.InstanceState;
import io.mycelium.agent.instance.InstanceStatus;
import io.mycelium.agent.metrics.CollectedFamily;
import io.mycelium.agent.metrics.MetricRegistry;
import io.mycelium.agent.metrics.MetricType;
import io.mycelium.agent.metrics.Sample;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * {@code /metrics} in the Prometheus text format: the daemon's registry, then, computed at each
 * scrape, this agent's instances by state, their restarts by app, and every fabric counter as
 * {@code mesh_fabric_<name>_total}.
 */
final class MetricsService implements HttpService {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final AgentServices services;

    MetricsService(AgentServices services) {
        this.services = Objects.requireNonNull(services, "services");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::scrape);
    }

    private void scrape(ServerRequest req, ServerResponse res) {
        String text = services.metrics().scrape() + MetricRegistry.render(collected());
        res.header(HeaderNames.CONTENT_TYPE, CONTENT_TYPE);
        res.send(text.getBytes(StandardCharsets.UTF_8));
    }

    List<CollectedFamily> collected() {
        Map<InstanceState, Integer> byState = new EnumMap<>(InstanceState.class);
        Map<String, Long> restarts = new TreeMap<>();
        for (InstanceStatus s : services.localInstances()) {
            byState.merge(s.state(), 1, Integer::sum);
            restarts.merge(s.app(), (long) s.restarts(), Long::sum);
        }
        List<Sample> states = new ArrayList<>();
        for (InstanceState st : InstanceState.values()) {
            states.add(Sample.of("state", st.name().toLowerCase(Locale.ROOT), byState.getOrDefault(st, 0)));
        }
        List<Sample> restartSamples = new ArrayList<>();
        restarts.forEach((app, n) -> restartSamples.add(Sample.of("app", app, n)));
        List<CollectedFamily> out = new ArrayList<>();
        out.add(new CollectedFamily("mesh_instances", "Instances this agent supervises, by state.", MetricType.GAUGE, states));
        out.add(new CollectedFamily("mesh_instance_restarts_total", "Restarts after a failure of the instances this agent supervises, by app.",
                MetricType.COUNTER, restartSamples));
        services.fabricCounters().forEach((name, value) -> {
            String metric = "mesh_fabric_" + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_") + "_total";
            out.add(new CollectedFamily(metric, "Fabric counter " + name + ".", MetricType.COUNTER, List.of(Sample.of(value))));
        });
        return out;
    }
}
