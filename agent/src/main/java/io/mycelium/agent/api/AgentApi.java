package io.mycelium.agent.api;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Mounts the agent's HTTP API on a Helidon routing: one service per resource under {@code /v1},
 * the health endpoints and {@code /metrics}, the access filter, and the one place where errors
 * become {@code {"error": ..., "hint": ...}}. The daemon calls {@link #mount}; tests reuse
 * {@link #routing(HttpRouting.Builder, AgentServices)}.
 */
public final class AgentApi {
    private static final Logger LOG = Logger.getLogger(AgentApi.class.getName());

    /** The resources {@code GET /v1} lists. */
    static final List<String> RESOURCES = List.of("/v1/nodes", "/v1/state", "/v1/apps", "/v1/instances", "/v1/plans", "/v1/rollouts", "/v1/intentions", "/v1/spores");

    private AgentApi() {
    }

    /** Routing with the open defaults ({@link ApiConfig#open()}). */
    static void routing(HttpRouting.Builder routing, AgentServices services) {
        mount(routing, services, ApiConfig.open());
    }

    /** Adds every route of the API to {@code routing}. */
    public static void mount(HttpRouting.Builder routing, AgentServices services, ApiConfig config) {
        Objects.requireNonNull(services, "services");
        Objects.requireNonNull(config, "config");
        Access access = new Access(config, services);
        routing.addFilter(access)
                .get("/v1", (req, res) -> Replies.ok(res, Map.of("node", services.nodeId(), "resources", RESOURCES)))
                .register("/v1/nodes", new NodesService(services))
                .register("/v1/state", new StateService(services))
                .register("/v1/apps", new AppsService(services))
                .register("/v1/instances", new InstancesService(services, access, config))
                .register("/v1/plans", new PlansService(services))
                .register("/v1/rollouts", new RolloutsService(services))
                .register("/v1/budgets", new BudgetsService(services))
                .register("/v1/intentions", new IntentionsService(services))
                .register("/v1/spores", new SporesService(services, access, config))
                .register("/health", new HealthService(services))
                .register("/metrics", new MetricsService(services))
                .any(AgentApi::noSuchResource)
                .error(ApiException.class, AgentApi::refused)
                .error(Exception.class, AgentApi::failed);
    }

    private static void noSuchResource(ServerRequest req, ServerResponse res) {
        Replies.error(res, 404, "no such resource: " + req.prologue().method().text() + " " + req.path().path(),
                "see GET /v1 for the resources");
    }

    private static void refused(ServerRequest req, ServerResponse res, ApiException e) {
        if (res.isSent()) {
            return;
        }
        Replies.error(res, e.status(), e.error(), e.hint());
    }

    private static void failed(ServerRequest req, ServerResponse res, Exception e) {
        LOG.log(Level.WARNING, "agent API: " + req.prologue().method().text() + " " + req.path().path() + " failed", e);
        if (res.isSent()) {
            return;
        }
        res.status(Status.INTERNAL_SERVER_ERROR_500);
        Replies.error(res, 500, "internal error: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                "see the agent's log");
    }
}
