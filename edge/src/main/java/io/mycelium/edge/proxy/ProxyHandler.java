package io.mycelium.edge.proxy;

import io.mycelium.edge.EdgeConfig;
import io.mycelium.edge.OutputBuffer;
import io.mycelium.spore.time.Clock;
import io.mycelium.edge.balance.Balancer;
import io.mycelium.edge.balance.Upstream;
import io.mycelium.edge.client.BadRequestException;
import io.mycelium.edge.client.ClientRequest;
import io.mycelium.edge.observe.AccessLog;
import io.mycelium.edge.observe.EdgeMetrics;
import io.mycelium.edge.observe.ErrorClass;
import io.mycelium.edge.route.AppEndpoints;
import io.mycelium.edge.route.CallGuard;
import io.mycelium.edge.route.Endpoint;
import io.mycelium.edge.route.EndpointDirectory;
import io.mycelium.edge.route.RevisionSplit;
import io.mycelium.edge.route.RouteParser;
import io.mycelium.edge.tls.UpstreamTls;
import io.mycelium.edge.upstream.ResponseHead;
import io.mycelium.edge.upstream.UpstreamFailure;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * What the edge decides for each request: the route, the endpoints it may go to, the request head
 * sent upstream, the response head sent back, and the answers the edge makes itself (400, 404,
 * 502, 503, 504 with a short JSON body, and /metrics); and what it records (metrics, access log).
 * It does no I/O: {@link ClientSession} drives the sockets and calls it. Thread-safe: every event
 * loop calls it; shared state lives in concurrent maps and atomics.
 */
public final class ProxyHandler {

    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE");

    private final EdgeConfig config;
    private final EndpointDirectory directory;
    private final RouteParser parser;
    private final Balancer balancer;
    private final EdgeMetrics metrics;
    private final AccessLog accessLog;
    private final Clock clock;
    private final Consumer<String> closeIdle;
    private final UpstreamTls upstreamTls;
    /** Who calls and whether they may (the hyphae router's intentions), or null. */
    private final CallGuard guard;
    private final Map<String, Upstream> upstreams = new ConcurrentHashMap<>();
    private final Map<String, Routable> routable = new ConcurrentHashMap<>();

    /** The header that sends a request to the app's preview revision during a rollout. */
    public static final String PREVIEW_HEADER = "X-Mycelium-Preview";

    /** The routable upstreams derived from one directory snapshot (cached by identity): all, and by revision. */
    private record Routable(AppEndpoints source, List<Upstream> upstreams, Map<String, List<Upstream>> byRevision) {
    }

    /**
     * @param closeIdle   closes the idle pooled connections to an endpoint ({@code host:port}) that
     *                    stopped being routable
     * @param upstreamTls which upstream connections speak TLS
     * @param guard       who calls and whether they may, or null to route every request
     */
    public ProxyHandler(EdgeConfig config, EndpointDirectory directory, EdgeMetrics metrics, AccessLog accessLog,
                        Clock clock, Consumer<String> closeIdle, UpstreamTls upstreamTls, CallGuard guard) {
        this.guard = guard;
        this.upstreamTls = Objects.requireNonNull(upstreamTls, "upstreamTls");
        this.config = Objects.requireNonNull(config, "config");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.accessLog = Objects.requireNonNull(accessLog, "accessLog");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.closeIdle = Objects.requireNonNull(closeIdle, "closeIdle");
        this.parser = new RouteParser(config.hostDomain(), config.stripPrefix());
        this.balancer = config.balancing().newBalancer();
        directory.addListener(this::appChanged);
    }

    /** The upstream state of endpoint {@code id}, if the edge has routed to it (for tests). */
    public Optional<Upstream> upstream(String id) {
        return Optional.ofNullable(upstreams.get(id));
    }

    EdgeConfig config() {
        return config;
    }

    /** The TLS engine for a new connection to {@code u}, or null for plain TCP. */
    javax.net.ssl.SSLEngine upstreamTls(Upstream u) {
        return upstreamTls.engineFor(u.endpoint());
    }

    /** Starts the exchange of a parsed request. */
    Exchange begin(ClientRequest req, ClientSession.Peer client) {
        return new Exchange(req, client, req.requestId(), req.rawPath(), clock.nanoTime());
    }

    /** Answers a request head the parser refused; the connection is closed after it. */
    void refuse(BadRequestException e, ClientSession.Peer client, OutputBuffer out) {
        Exchange x = new Exchange(null, client, null, "-", clock.nanoTime());
        fail(x, EdgeMetrics.NO_APP, e.status(), ErrorClass.BAD_REQUEST, e.getMessage(), out);
    }

    /**
     * Routes a request: either the endpoints it may go to, or null when the edge has answered it
     * itself (unknown app, no endpoint, bad path, /metrics) into {@code out}.
     */
    List<Upstream> route(Exchange x, OutputBuffer out) {
        CallGuard.Caller caller = null;
        if (guard != null) {
            caller = guard.caller(x.rawPath);
            if (caller.prefix() > 0) {
                x.rawPath = caller.prefix() >= x.rawPath.length() ? "/" : x.rawPath.substring(caller.prefix());
            }
        }
        String rawPath = x.rawPath;
        RouteParser.Result result = parser.parse(x.req.host(), rawPath);
        if (result instanceof RouteParser.Refusal refusal) {
            if (refusal.status() != 400 && rawPath.equals(config.metricsPath())) {
                serveMetrics(x, out);
                return null;
            }
            fail(x, EdgeMetrics.NO_APP, refusal.status(),
                    refusal.status() == 404 ? ErrorClass.UNKNOWN_APP : ErrorClass.BAD_REQUEST, refusal.reason(), out);
            return null;
        }
        RouteParser.Route route = (RouteParser.Route) result;
        if (!route.byHost() && rawPath.equals(config.metricsPath())) {
            serveMetrics(x, out);
            return null;
        }
        x.app = route.app();
        if (guard != null) {
            String refusal = guard.refusal(caller, route.app());
            if (refusal != null) {
                fail(x, route.app(), 403, ErrorClass.DENIED, refusal, out);
                return null;
            }
        }
        Optional<AppEndpoints> snapshot = directory.app(route.app());
        if (snapshot.isEmpty()) {
            fail(x, EdgeMetrics.NO_APP, 404, ErrorClass.UNKNOWN_APP, "unknown app", out);
            return null;
        }
        AppEndpoints app = snapshot.get();
        boolean preview = app.split().preview() != null && (route.preview() || previewHeader(x.req));
        List<Upstream> candidates = candidates(app, preview, x);
        if (candidates.isEmpty()) {
            fail(x, route.app(), 503, ErrorClass.NO_ENDPOINT, preview ? "no ready endpoint of the preview revision" : "no ready endpoint", out);
            return null;
        }
        String query = x.req.query();
        x.target = query.isEmpty() ? route.forwardPath() : route.forwardPath() + "?" + query;
        x.timeoutNanos = config.timeout(x.app).toNanos();
        return candidates;
    }

    /** The endpoint for a try: by the balancing policy, another than {@code avoid} when possible. */
    Upstream pick(List<Upstream> candidates, Upstream avoid) {
        return balancer.pick(candidates, avoid);
    }

    /**
     * Whether a failed try may be repeated on another endpoint: a failed connect sent nothing
     * (the body is not read yet), so any request may go elsewhere; a reset before any response
     * byte only when repeating the request is harmless.
     */
    static boolean retryable(Exchange x, UpstreamFailure f) {
        if (f.kind() == UpstreamFailure.Kind.CONNECT) {
            return true;
        }
        return f.kind() == UpstreamFailure.Kind.RESET && !f.responseStarted()
                && IDEMPOTENT.contains(x.req.method()) && !x.req.hasBody();
    }

    /** Whether the request carries {@code X-Mycelium-Preview: 1}. */
    private static boolean previewHeader(ClientRequest req) {
        for (int i = 0, n = req.fieldCount(); i < n; i++) {
            if (req.id(i) == ClientRequest.OTHER && req.name(i).equalsIgnoreCase(PREVIEW_HEADER) && req.value(i).trim().equals("1")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The upstreams a request may go to, and its revision in {@code x}: the preview revision's for
     * a preview; else a revision chosen by the split's weights among those with a Ready endpoint
     * (every revision when the split has no weights); then the balancer picks among them.
     */
    private List<Upstream> candidates(AppEndpoints snapshot, boolean preview, Exchange x) {
        Routable r = routable(snapshot);
        RevisionSplit split = snapshot.split();
        if (preview) {
            List<Upstream> green = r.byRevision().getOrDefault(split.preview(), List.of());
            x.revision = green.isEmpty() ? null : split.preview();
            return healthy(green);
        }
        if (split.weights().isEmpty()) {
            return healthy(r.upstreams());
        }
        x.revision = split.choose(r.byRevision().keySet(), java.util.concurrent.ThreadLocalRandom.current().nextDouble());
        return x.revision == null ? List.of() : healthy(r.byRevision().get(x.revision));
    }

    private Routable routable(AppEndpoints snapshot) {
        Routable r = routable.get(snapshot.app());
        if (r == null || r.source() != snapshot) {
            List<Upstream> list = new ArrayList<>();
            Map<String, List<Upstream>> byRevision = new java.util.HashMap<>();
            for (Endpoint e : snapshot.routable()) {
                Upstream u = upstreams.computeIfAbsent(e.id(), id -> new Upstream(e, config.outlier(), clock));
                u.endpoint(e);
                list.add(u);
                byRevision.computeIfAbsent(e.revision(), k -> new ArrayList<>()).add(u);
            }
            byRevision.replaceAll((k, v) -> List.copyOf(v));
            r = new Routable(snapshot, List.copyOf(list), Map.copyOf(byRevision));
            routable.put(snapshot.app(), r);
        }
        return r;
    }

    /**
     * Requests in flight to each revision of {@code app} now, over the endpoints the directory
     * lists (revisions with none are left out). The routing report's in-flight figures.
     */
    public Map<String, Long> inFlight(String app) {
        Map<String, Long> out = new java.util.TreeMap<>();
        directory.app(app).ifPresent(s -> {
            for (Endpoint e : s.endpoints()) {
                Upstream u = upstreams.get(e.id());
                if (u != null && u.inFlight() > 0) {
                    out.merge(e.revision(), (long) u.inFlight(), Long::sum);
                }
            }
        });
        return out;
    }

    /** {@code all} without the ejected endpoints; all of them when every one is ejected. */
    private static List<Upstream> healthy(List<Upstream> all) {
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).isEjected()) {
                List<Upstream> healthy = new ArrayList<>(all.size());
                for (Upstream u : all) {
                    if (!u.isEjected()) {
                        healthy.add(u);
                    }
                }
                // every endpoint ejected: route to all of them rather than fail every request
                return healthy.isEmpty() ? all : healthy;
            }
        }
        return all;
    }

    private void appChanged(String app) {
        Routable before = routable.remove(app);
        if (before == null) {
            return;
        }
        Set<String> stillRoutable = new HashSet<>();
        directory.app(app).ifPresent(s -> s.routable().forEach(e -> stillRoutable.add(e.id())));
        for (Upstream u : before.upstreams()) {
            if (!stillRoutable.contains(u.id())) {
                // in-flight requests keep their connections; idle ones to this endpoint go now
                closeIdle.accept(u.authority());
            }
        }
    }

    /** Writes the request head for endpoint {@code u} (framing of the body included) into {@code head}. */
    void requestHead(Exchange x, Upstream u, OutputBuffer head) {
        ClientRequest req = x.req;
        head.append(req.method()).append(" ");
        if (u.endpoint().hop() && config.stripPrefix()) {
            // another router routes by app: it needs the prefix this one stripped
            head.append("/").append(x.app);
        }
        head.append(x.target).append(" HTTP/1.1").crlf();
        head.field("Host", u.authority());
        byte[] b = req.buffer();
        for (int i = 0, n = req.fieldCount(); i < n; i++) {
            if (req.id(i) == ClientRequest.OTHER && !req.listedInConnection(i)) {
                int from = req.fieldStart(i);
                head.append(b, from, req.fieldEnd(i) - from).crlf();
            }
        }
        String forwardedFor = req.forwardedFor();
        String client = x.client.address();
        head.field("X-Forwarded-For", forwardedFor == null ? client : forwardedFor + ", " + client);
        head.field("X-Forwarded-Proto", x.client.secure() ? "https" : "http");
        if (req.host() != null) {
            head.field("X-Forwarded-Host", req.host());
        }
        if (x.newId != null) {
            head.append("X-Request-Id: ").append(x.newId, 0, x.newId.length).crlf();
        } else {
            head.field("X-Request-Id", x.incomingId());
        }
        head.field("X-Mycelium-Edge", config.edgeId());
        String incomingTrace = req.traceparent();
        byte[] trace = new byte[RequestContext.TRACEPARENT_LENGTH];
        RequestContext.traceparent(incomingTrace, trace, 0);
        head.append("traceparent: ").append(trace, 0, trace.length).crlf();
        if (req.tracestate() != null && RequestContext.isValidTraceparent(incomingTrace)) {
            head.field("tracestate", req.tracestate());
        }
        if (req.hasBody()) {
            if (req.chunked()) {
                head.field("Transfer-Encoding", "chunked");
            } else {
                head.append("Content-Length: ").append(req.contentLength()).crlf();
            }
        }
        head.crlf();
    }

    /** Counts an upstream's answer for the endpoint's health: 502-504 count as its failure. */
    void upstreamAnswered(Exchange x, Upstream u, int status) {
        if (status >= 500) {
            metrics.error(x.app, ErrorClass.UPSTREAM_5XX);
        }
        if (status >= 502 && status <= 504) {
            u.failure();
        } else {
            u.success();
        }
    }

    /** Counts a failed try against its endpoint. */
    void upstreamFailed(Exchange x, Upstream u, UpstreamFailure f) {
        u.failure();
        metrics.error(x.app, errorClass(f.kind()));
    }

    /**
     * Writes the response head for the client: the upstream's relayed fields, the request id, the
     * edge's Date, and the framing the client gets.
     *
     * @return whether the body is sent to the client chunked (else as it comes: a fixed length,
     *         or until the edge closes the connection)
     */
    boolean responseHead(Exchange x, ResponseHead head, OutputBuffer relayed, OutputBuffer out) {
        x.relaying = true;
        int status = head.status();
        x.status = status;
        out.append(StatusLine.of(status)).append(relayed);
        requestIdField(x, out);
        out.append(HttpDate.line());
        boolean chunked = false;
        if (head.noBody()) {
            if (head.contentLength() >= 0 && x.headRequest()) {
                out.append("Content-Length: ").append(head.contentLength()).crlf();
            }
        } else if (head.contentLength() >= 0) {
            out.append("Content-Length: ").append(head.contentLength()).crlf();
        } else if (!x.req.http10()) {
            out.append("Transfer-Encoding: chunked\r\n");
            chunked = true;
        } else {
            // an HTTP/1.0 client cannot take chunks: the body runs until the edge closes
            x.keepAlive = false;
        }
        connection(x, out).crlf();
        return chunked;
    }

    /** Records a relayed response whose body was sent whole. */
    void responded(Exchange x) {
        metrics.request(x.app, x.revision, x.status, clock.nanoTime() - x.start);
        access(x, x.status, null);
    }

    /** Answers a failed exchange (nothing sent to the client yet) with 502 or 504. */
    void failed(Exchange x, UpstreamFailure f, OutputBuffer out) {
        int status = f.kind() == UpstreamFailure.Kind.TIMEOUT ? 504 : 502;
        // the client learns the class of failure; the endpoint's address stays in the access log
        String reason = status == 504 ? "upstream timeout" : "bad gateway: " + f.kind().label();
        fail(x, x.app, status, null, reason, f.getMessage(), out);
    }

    /** Answers a request whose body was malformed (400, or 431 for oversized trailers). */
    void badBody(Exchange x, int status, String reason, OutputBuffer out) {
        x.keepAlive = false;
        fail(x, x.app, status, ErrorClass.BAD_REQUEST, reason, out);
    }

    /** Records an exchange cut off because its response broke after it had started. */
    void cutOff(Exchange x, String why) {
        access(x, x.status, why);
    }

    /** Records an exchange cut off because the client went away or stalled. */
    void clientGone(Exchange x, String why) {
        metrics.error(x.app, ErrorClass.CLIENT);
        access(x, x.status, why);
    }

    private static OutputBuffer requestIdField(Exchange x, OutputBuffer out) {
        out.append("X-Request-Id: ");
        if (x.newId != null) {
            out.append(x.newId, 0, x.newId.length);
        } else {
            out.append(x.incomingId());
        }
        return out.crlf();
    }

    private static OutputBuffer connection(Exchange x, OutputBuffer out) {
        if (!x.keepAlive) {
            out.append("Connection: close\r\n");
        } else if (x.req.http10()) {
            out.append("Connection: keep-alive\r\n");
        }
        return out;
    }

    private void serveMetrics(Exchange x, OutputBuffer out) {
        byte[] body = metrics.prometheus().getBytes(StandardCharsets.UTF_8);
        x.status = 200;
        respond(x, 200, "text/plain; version=0.0.4", body, out);
        access(x, 200, null);
    }

    private void fail(Exchange x, String app, int status, ErrorClass errorClass, String reason, OutputBuffer out) {
        fail(x, app, status, errorClass, reason, reason, out);
    }

    private void fail(Exchange x, String app, int status, ErrorClass errorClass, String reason, String note,
                      OutputBuffer out) {
        if (errorClass != null) {
            metrics.error(app, errorClass);
        }
        String json = "{\"error\":\"" + jsonEscape(reason) + "\",\"app\":\"" + jsonEscape(x.app.equals(EdgeMetrics.NO_APP)
                ? appGuess(x.rawPath) : x.app) + "\",\"requestId\":\"" + jsonEscape(x.requestId()) + "\"}";
        metrics.request(app, x.revision, status, clock.nanoTime() - x.start);
        x.status = status;
        respond(x, status, "application/json", json.getBytes(StandardCharsets.UTF_8), out);
        access(x, status, note);
    }

    /** Writes a complete response the edge makes itself. */
    private static void respond(Exchange x, int status, String contentType, byte[] body, OutputBuffer out) {
        if (!x.bodyRead) {
            // the unread body (or unparsed rest) would be taken for the next request
            x.keepAlive = false;
        }
        out.append(StatusLine.of(status)).append("Content-Type: ").append(contentType).crlf()
                .append("Content-Length: ").append(body.length).crlf();
        requestIdField(x, out).append(HttpDate.line());
        if (!x.keepAlive) {
            out.append("Connection: close\r\n");
        } else if (x.req.http10()) {
            out.append("Connection: keep-alive\r\n");
        }
        out.crlf().append(body, 0, body.length);
        x.bytes = body.length;
    }

    /** The first path segment, for naming an unknown app in the error body (bounded length). */
    private static String appGuess(String rawPath) {
        if (!rawPath.startsWith("/")) {
            return "";
        }
        int end = rawPath.indexOf('/', 1);
        String seg = end < 0 ? rawPath.substring(Math.min(1, rawPath.length())) : rawPath.substring(1, end);
        return seg.length() > 63 ? seg.substring(0, 63) : seg;
    }

    private void access(Exchange x, int status, String note) {
        if (accessLog == AccessLog.NONE) {
            return;
        }
        long micros = (clock.nanoTime() - x.start) / 1000;
        StringBuilder b = new StringBuilder(160);
        b.append(x.client.address()).append(" \"")
                .append(printable(x.method())).append(' ').append(printable(x.rawPath)).append("\" ")
                .append(status).append(' ').append(x.bytes).append(' ')
                .append(micros / 1000).append('.').append((char) ('0' + micros % 1000 / 100))
                .append((char) ('0' + micros % 100 / 10)).append((char) ('0' + micros % 10)).append("ms")
                .append(" app=").append(x.app).append(" upstream=").append(x.upstream)
                .append(" rid=").append(x.requestId());
        if (note != null) {
            b.append(" note=\"").append(printable(note)).append('"');
        }
        accessLog.log(b.toString());
    }

    private static ErrorClass errorClass(UpstreamFailure.Kind kind) {
        return switch (kind) {
            case CONNECT -> ErrorClass.CONNECT;
            case RESET -> ErrorClass.RESET;
            case TIMEOUT -> ErrorClass.TIMEOUT;
            case MALFORMED -> ErrorClass.BAD_RESPONSE;
        };
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), 200));
        for (int i = 0; i < s.length() && i < 200; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f && c != '"' ? c : '?');
        }
        return b.toString();
    }

    private static String jsonEscape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
