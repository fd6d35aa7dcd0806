package io.mycelium.agent.api;

import io.mycelium.client.api.ApiDocuments;
import io.mycelium.client.rows.InstanceRows;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.mycelium.agent.instance.InstanceStatus;
import io.mycelium.agent.logs.LogFollower;
import io.mycelium.client.api.OperatorSignature;
import io.mycelium.agent.logs.LogTail;
import io.mycelium.agent.metrics.Gauge;
import io.mycelium.fabric.ClusterView;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code /v1/instances}: every instance in the cluster ({@code ?app=}, {@code ?node=} to filter),
 * one by id, and the logs of one this agent runs: {@code /v1/instances/{id}/logs?tail=N&stream=
 * stdout|stderr&follow=true}. Following streams new lines as they are written (chunked) until the
 * client goes (noticed at the next line written), the instance is no longer here, or the server
 * stops. Logs of an instance on another live agent are redirected (307) to that agent's API.
 * {@code POST /v1/instances/{id}/stop} and {@code .../restart} act on an instance this agent runs,
 * authorized by an operator signature over its id (or the API token).
 */
final class InstancesService implements HttpService {
    static final int MAX_TAIL = 10_000;

    private final AgentServices services;
    private final Access access;
    private final ApiConfig config;
    private final Gauge followers;
    private volatile WebServer server;
    private volatile boolean stopped;

    InstancesService(AgentServices services, Access access, ApiConfig config) {
        this.services = Objects.requireNonNull(services, "services");
        this.access = Objects.requireNonNull(access, "access");
        this.config = Objects.requireNonNull(config, "config");
        this.followers = services.metrics().gauge("mesh_api_log_followers", "Log streams being followed through the API right now.");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list).get("/{id}", this::one).get("/{id}/logs", this::logs)
                .post("/{id}/stop", (req, res) -> act(req, res, "stop"))
                .post("/{id}/restart", (req, res) -> act(req, res, "restart"));
    }

    @Override
    public void afterStart(WebServer webServer) {
        this.server = webServer;
    }

    @Override
    public void afterStop() {
        stopped = true;
    }

    /** Followers end when the server stops, whether or not it interrupts their threads. */
    private boolean serving() {
        WebServer s = server;
        return !stopped && (s == null || s.isRunning());
    }

    private void list(ServerRequest req, ServerResponse res) {
        String app = Replies.query(req, "app").orElse(null);
        String node = Replies.query(req, "node").orElse(null);
        Replies.ok(res, new ApiDocuments.Instances(services.nodeId(), InstanceRows.of(services.view(), app, node, services.supervised())));
    }

    private Optional<ApiDocuments.InstanceRow> find(ClusterView view, String id) {
        return InstanceRows.of(view, null, null, services.supervised()).stream().filter(r -> r.id().equals(id)).findFirst();
    }

    private void one(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        ApiDocuments.InstanceRow row = find(services.view(), id).orElseThrow(() -> unknown(id));
        Replies.ok(res, row);
    }

    /**
     * {@code POST /v1/instances/{id}/stop|restart}: on the agent that runs the instance, signed by
     * an operator key it trusts (or with the API token). Another agent's instance is refused with
     * where it runs, so the client asks that agent (as for logs, the client goes there itself).
     */
    private void act(ServerRequest req, ServerResponse res, String action) {
        String id = req.path().pathParameters().get("id");
        String who = access.authorizeInstanceAction(req, action.equals("stop") ? OperatorSignature.STOP_INSTANCE
                : OperatorSignature.RESTART_INSTANCE, id);
        Optional<InstanceStatus> done;
        try {
            done = action.equals("stop") ? services.stopInstance(id, who) : services.restartInstance(id, who);
        } catch (IllegalStateException e) {
            throw new ApiException(409, e.getMessage(), "wait until it is launched or gone, then try again");
        }
        if (done.isEmpty()) {
            ApiDocuments.InstanceRow row = find(services.view(), id).orElseThrow(() -> unknown(id));
            throw new ApiException(409, "instance " + id + " runs on " + row.node() + ", not on " + services.nodeId(),
                    "ask the agent that runs it: " + (row.nodeApi() == null || row.nodeApi().isEmpty() ? row.node() : row.nodeApi()));
        }
        InstanceStatus s = done.get();
        Replies.ok(res, new ApiDocuments.InstanceActionDone(id, action, services.nodeId(),
                s.state().name().toLowerCase(java.util.Locale.ROOT), s.message()));
    }

    private static ApiException unknown(String id) {
        return ApiException.notFound("no instance '" + id + "' on any live agent", "see GET /v1/instances (mesh instances)");
    }

    private void logs(ServerRequest req, ServerResponse res) throws IOException {
        String id = req.path().pathParameters().get("id");
        int tail = Replies.intQuery(req, "tail", 100, 0, MAX_TAIL);
        boolean follow = Replies.boolQuery(req, "follow");
        String stream = Replies.query(req, "stream").orElse("stdout");
        if (!stream.equals("stdout") && !stream.equals("stderr")) {
            throw ApiException.badRequest("query parameter stream=" + stream + " is not stdout or stderr", "e.g. ?stream=stderr");
        }
        Optional<AgentServices.LogFiles> files = services.logs(id);
        if (files.isEmpty()) {
            redirectOrFail(req, res, id);
            return;
        }
        Path file = stream.equals("stdout") ? files.get().stdout() : files.get().stderr();
        res.header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        if (!follow) {
            byte[] body = text(LogTail.tailAcrossRotation(file, tail)).getBytes(StandardCharsets.UTF_8);
            res.send(body);
            return;
        }
        // The follower starts at the end before the tail is read, so no line is lost in between
        // (one written in that instant may show twice).
        LogFollower follower = LogFollower.fromEnd(file);
        List<String> last = LogTail.tailAcrossRotation(file, tail);
        followers.add(1);
        try (OutputStream out = res.outputStream()) {
            write(out, last); // Helidon sends the headers with the first byte, so a quiet log sends them with its first line
            while (serving() && services.logs(id).isPresent() && !Thread.currentThread().isInterrupted()) {
                List<String> lines = follower.poll();
                if (!lines.isEmpty()) {
                    write(out, lines);
                } else {
                    Thread.sleep(config.followPoll().toMillis());
                }
            }
        } catch (UncheckedIOException | IOException e) {
            // the client went away: stop following
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            followers.add(-1);
        }
    }

    private static void write(OutputStream out, List<String> lines) throws IOException {
        out.write(text(lines).getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String text(List<String> lines) {
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(l).append('\n');
        }
        return sb.toString();
    }

    private void redirectOrFail(ServerRequest req, ServerResponse res, String id) {
        ClusterView view = services.view();
        ApiDocuments.InstanceRow row = find(view, id).orElseThrow(() -> unknown(id));
        if (row.node().equals(services.nodeId()) || row.nodeApi() == null || row.nodeApi().isEmpty()) {
            throw ApiException.notFound("instance " + id + " has no logs on this agent (" + services.nodeId() + ")",
                    "it may have just stopped; see GET /v1/instances/" + id);
        }
        String base = row.nodeApi().endsWith("/") ? row.nodeApi().substring(0, row.nodeApi().length() - 1) : row.nodeApi();
        String query = req.query().rawValue();
        String location = base + "/v1/instances/" + id + "/logs" + (query.isEmpty() ? "" : "?" + query);
        res.header(HeaderNames.LOCATION, location);
        Replies.json(res, 307, new ApiDocuments.ErrorBody("instance " + id + " runs on " + row.node() + ", not here",
                "its logs are at " + location));
    }
}
