package io.mycelium.client.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.mycelium.client.api.ApiDocuments;
import io.mycelium.client.api.OperatorSignature;
import io.mycelium.client.http.ClientException.Kind;
import io.mycelium.fabric.model.Json;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.fabric.status.StatusDocuments;
import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.key.SigningKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The one client of an agent's HTTP API: typed answers ({@link ApiDocuments},
 * {@link StatusDocuments}); every failure is a {@link ClientException} of one line (nothing
 * answers, the agent's own refusal with its hint, an answer that is not an agent's). Thread-safe:
 * requests may run on several threads; {@link #close()} once at the end.
 */
public final class AgentClient implements AutoCloseable {
    private static final Duration CONNECT = Duration.ofSeconds(3);
    private static final Duration REQUEST = Duration.ofSeconds(30);
    private static final Duration UPLOAD = Duration.ofHours(1);

    private final String base;
    private final String token;
    private final HttpClient http;

    /** A client of the agent at {@code base} ({@code http://host:port}), with a bearer token or null. */
    public AgentClient(String base, String token) {
        Objects.requireNonNull(base, "base");
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.token = token;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public String base() {
        return base;
    }

    /** A client with the same token for another agent (where an instance's logs are). */
    public AgentClient at(String otherBase) {
        return new AgentClient(otherBase, token);
    }

    // ---- reads -------------------------------------------------------------------------------

    /** {@code GET /v1/apps}. */
    public ApiDocuments.Apps apps() {
        return get("/v1/apps", ApiDocuments.Apps.class);
    }

    /** {@code GET /v1/apps/{app}}, empty when the cluster knows no such app. */
    public Optional<ApiDocuments.AppRow> app(String app) {
        return find("/v1/apps/" + segment(app), ApiDocuments.AppRow.class);
    }

    /** {@code GET /v1/instances}, of one app and/or on one node (null for all). */
    public ApiDocuments.Instances instances(String app, String node) {
        List<String> query = new ArrayList<>();
        if (app != null) {
            query.add("app=" + URLEncoder.encode(app, StandardCharsets.UTF_8));
        }
        if (node != null) {
            query.add("node=" + URLEncoder.encode(node, StandardCharsets.UTF_8));
        }
        return get("/v1/instances" + (query.isEmpty() ? "" : "?" + String.join("&", query)), ApiDocuments.Instances.class);
    }

    /** {@code GET /v1/plans}. */
    public ApiDocuments.Plans plans() {
        return get("/v1/plans", ApiDocuments.Plans.class);
    }

    /** {@code GET /v1/plans/{app}}, empty when the app has no plan. */
    public Optional<ApiDocuments.PlanRow> plan(String app) {
        return find("/v1/plans/" + segment(app), ApiDocuments.PlanRow.class);
    }

    /** {@code GET /v1/nodes}: the members as the agent sees them. */
    public StatusDocuments.Nodes nodes() {
        return get("/v1/nodes", StatusDocuments.Nodes.class);
    }

    /** {@code GET /v1/state}: the records the agent holds. */
    public StatusDocuments.State state() {
        return get("/v1/state", StatusDocuments.State.class);
    }

    /** {@code GET /v1/spores}. */
    public ApiDocuments.Spores spores() {
        return get("/v1/spores", ApiDocuments.Spores.class);
    }

    /** Whether the agent holds the spore ({@code HEAD /v1/spores/{digest}}). */
    public boolean holds(Digest digest) {
        HttpResponse<Void> r = send(request("/v1/spores/" + digest).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200 || r.statusCode() == 404) {
            return r.statusCode() == 200;
        }
        throw notAnAgent(r, "an answer to HEAD");
    }

    /** The manifest JSON of a spore the agent holds, empty when it holds none. */
    public Optional<String> manifest(Digest digest) {
        return found("/v1/spores/" + digest + "/manifest").map(HttpResponse::body);
    }

    /** A spore's bytes ({@code GET /v1/spores/{digest}}); the caller closes the stream. */
    public InputStream spore(Digest digest) {
        return stream("/v1/spores/" + digest);
    }

    /** Whether the agent answers {@code /health/ready} with 200 (false when nothing answers or it is not ready). */
    public boolean ready() {
        return HttpProbe.answers200(base + "/health/ready");
    }

    /**
     * An instance's log lines as they arrive, from the agent it runs on ({@code nodeApi}, or this
     * one when blank); the caller closes the stream.
     *
     * @param stream {@code stdout} or {@code stderr}
     */
    public Stream<String> logs(String instanceId, String nodeApi, String stream, int tail, boolean follow) {
        AgentClient there = nodeApi == null || nodeApi.isBlank() || nodeApi.equals(base) ? this : at(nodeApi);
        String path = "/v1/instances/" + segment(instanceId) + "/logs?tail=" + tail + "&stream=" + stream + (follow ? "&follow=true" : "");
        HttpRequest req = there.request(path).timeout(Duration.ofDays(365)).GET().build();
        HttpResponse<Stream<String>> r = there.send(req, HttpResponse.BodyHandlers.ofLines());
        if (r.statusCode() != 200) {
            String body;
            try (Stream<String> lines = r.body()) {
                body = String.join("\n", lines.toList());
            }
            throw there.refusal(r.statusCode(), r.request().method() + " " + r.uri(), body);
        }
        return r.body();
    }

    // ---- writes ------------------------------------------------------------------------------

    /** {@code POST /v1/plans}: submits a signed plan record (or its signed deletion). */
    public ApiDocuments.PlanAccepted submitPlan(FabricRecord signed) {
        return submit("/v1/plans", signed, ApiDocuments.PlanAccepted.class);
    }

    /** {@code POST /v1/rollouts}: submits a signed rollout command record. */
    public ApiDocuments.RolloutAccepted submitRollout(FabricRecord signed) {
        return submit("/v1/rollouts", signed, ApiDocuments.RolloutAccepted.class);
    }

    /** {@code POST /v1/budgets}: submits a signed budget or price record. */
    public ApiDocuments.RecordAccepted submitBudget(FabricRecord signed) {
        return submit("/v1/budgets", signed, ApiDocuments.RecordAccepted.class);
    }

    /** {@code POST /v1/intentions}: submits a signed intention record (or its signed deletion). */
    public ApiDocuments.RecordAccepted submitIntention(FabricRecord signed) {
        return submit("/v1/intentions", signed, ApiDocuments.RecordAccepted.class);
    }

    private <T> T submit(String path, FabricRecord signed, Class<T> type) {
        HttpResponse<String> r = send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(signed))).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 202 && r.statusCode() != 200) {
            throw refusal(r);
        }
        return parse(r, type);
    }

    /**
     * {@code POST /v1/instances/{id}/stop} or {@code .../restart} at the agent that runs the
     * instance ({@code nodeApi}, or this one when blank), authorized by an
     * {@link OperatorSignature} over the instance id made at {@code now}.
     *
     * @param action {@code stop} (the slot is placed again) or {@code restart} (in place)
     */
    public ApiDocuments.InstanceActionDone instanceAction(String instanceId, String action, String nodeApi, SigningKey operator,
                                                         Instant now) {
        String signed = switch (action) {
            case "stop" -> OperatorSignature.STOP_INSTANCE;
            case "restart" -> OperatorSignature.RESTART_INSTANCE;
            default -> throw new IllegalArgumentException("instance action " + action + " is not stop or restart");
        };
        AgentClient there = nodeApi == null || nodeApi.isBlank() || nodeApi.equals(base) ? this : at(nodeApi);
        try {
            HttpResponse<String> r = there.send(there.request("/v1/instances/" + segment(instanceId) + "/" + action)
                    .header(OperatorSignature.HEADER, OperatorSignature.sign(operator, signed, instanceId, now))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw there.refusal(r);
            }
            return there.parse(r, ApiDocuments.InstanceActionDone.class);
        } finally {
            if (there != this) {
                there.close();
            }
        }
    }

    /** Uploads a spore file; see {@link #putSpore(Digest, long, Supplier, SigningKey, Instant)}. */
    public ApiDocuments.SporeStored putSpore(Path spore, Digest digest, SigningKey operator, Instant now) {
        long size;
        try {
            size = Files.size(spore);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + spore, e);
        }
        return putSpore(digest, size, () -> {
            try {
                return Files.newInputStream(spore);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + spore, e);
            }
        }, operator, now);
    }

    /**
     * {@code PUT /v1/spores/{digest}}: uploads {@code size} bytes, authorized by the token or, when
     * {@code operator} is given, by an {@link OperatorSignature} over the digest made at {@code now}.
     */
    public ApiDocuments.SporeStored putSpore(Digest digest, long size, Supplier<InputStream> body, SigningKey operator, Instant now) {
        HttpRequest.Builder req = request("/v1/spores/" + digest).expectContinue(true).timeout(UPLOAD)
                .header("Content-Type", "application/vnd.mycelium.spore")
                .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(body), size));
        if (operator != null) {
            req.header(OperatorSignature.HEADER, OperatorSignature.sign(operator, digest, now));
        }
        HttpResponse<String> r = send(req.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200 && r.statusCode() != 201) {
            throw refusal(r);
        }
        return parse(r, ApiDocuments.SporeStored.class);
    }

    // ---- plumbing ----------------------------------------------------------------------------

    private static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpRequest.Builder request(String path) {
        URI uri;
        try {
            uri = URI.create(base + path);
        } catch (IllegalArgumentException e) {
            throw badUrl();
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null) {
            throw badUrl();
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(REQUEST);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private ClientException badUrl() {
        return new ClientException(Kind.BAD_URL, base, 0, "'" + base + "' is not an agent API URL (e.g. http://127.0.0.1:7070)", null);
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(request, body);
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw unreachable(e);
        } catch (HttpTimeoutException e) {
            throw new ClientException(Kind.UNREACHABLE, base, 0, "the agent at " + base + " did not answer " + request.method() + " "
                    + request.uri().getPath() + " in time; it may be overloaded: try again, or see its log", null);
        } catch (IOException e) {
            throw unreachable(e);
        } catch (UnresolvedAddressException e) {
            throw new ClientException(Kind.UNREACHABLE, base, 0, "cannot resolve the host of " + base, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException(Kind.UNREACHABLE, base, 0, "interrupted while talking to the agent at " + base, null);
        }
    }

    private ClientException unreachable(Exception e) {
        String why = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof ConnectException || e.getCause() instanceof ConnectException) {
            why = "connection refused";
        }
        return new ClientException(Kind.UNREACHABLE, base, 0, "cannot reach the agent at " + base + " (" + why + ")", null);
    }

    private ClientException refusal(HttpResponse<String> r) {
        return refusal(r.statusCode(), r.request().method() + " " + r.uri(), r.body());
    }

    /** The agent's refusal as one line (its error; its hint kept apart), or "not an agent" when the body is no error document. */
    private ClientException refusal(int status, String what, String body) {
        String error = null;
        String hint = null;
        try {
            JsonNode j = Json.MAPPER.readTree(body);
            if (j != null && j.hasNonNull("error")) {
                error = j.get("error").asText();
                hint = j.hasNonNull("hint") ? j.get("hint").asText() : null;
            }
        } catch (IOException e) {
            // not an agent's JSON error: said below
        }
        if (error == null) {
            return new ClientException(Kind.NOT_AN_AGENT, base, status, what + " answered " + status + "; is " + base
                    + " a mesh agent's API?", null);
        }
        return new ClientException(Kind.REFUSED, base, status, "agent refused: " + error, hint);
    }

    private ClientException notAnAgent(HttpResponse<?> r, String expected) {
        return new ClientException(Kind.NOT_AN_AGENT, base, r.statusCode(), r.request().method() + " " + r.uri() + " answered "
                + r.statusCode() + ", not " + expected + "; is " + base + " a mesh agent's API?", null);
    }

    private <T> T get(String path, Class<T> type) {
        HttpResponse<String> r = send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw refusal(r);
        }
        return parse(r, type);
    }

    private <T> Optional<T> find(String path, Class<T> type) {
        return found(path).map(r -> parse(r, type));
    }

    /** The 200 answer, or empty on an agent's 404 about the resource (a 404 for an unknown route is a refusal). */
    private Optional<HttpResponse<String>> found(String path) {
        HttpResponse<String> r = send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 404) {
            ClientException refused = refusal(r);
            if (refused.kind() == Kind.REFUSED && !refused.getMessage().startsWith("agent refused: no such resource")) {
                return Optional.empty();
            }
            throw refused;
        }
        if (r.statusCode() != 200) {
            throw refusal(r);
        }
        return Optional.of(r);
    }

    private <T> T parse(HttpResponse<String> r, Class<T> type) {
        try {
            return Json.read(r.body(), type);
        } catch (IllegalArgumentException e) {
            throw new ClientException(Kind.NOT_AN_AGENT, base, r.statusCode(), r.uri() + " did not answer with a " + type.getSimpleName()
                    + "; is " + base + " a mesh agent's API of the same version?", null);
        }
    }

    private InputStream stream(String path) {
        HttpResponse<InputStream> r = send(request(path).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() != 200) {
            try (InputStream in = r.body()) {
                throw refusal(r.statusCode(), r.request().method() + " " + r.uri(),
                        new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw unreachable(e);
            }
        }
        return r.body();
    }

    @Override
    public void close() {
        http.close();
    }
}
