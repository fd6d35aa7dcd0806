package io.mycelium.edge.proxy;

import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.http.ServerRequestHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.mycelium.edge.EdgeConfig;
import io.mycelium.edge.Ticker;
import io.mycelium.edge.balance.Balancer;
import io.mycelium.edge.balance.Upstream;
import io.mycelium.edge.observe.AccessLog;
import io.mycelium.edge.observe.EdgeMetrics;
import io.mycelium.edge.observe.ErrorClass;
import io.mycelium.edge.route.AppEndpoints;
import io.mycelium.edge.route.Endpoint;
import io.mycelium.edge.route.EndpointDirectory;
import io.mycelium.edge.route.RouteParser;
import io.mycelium.edge.upstream.ChunkedOutputStream;
import io.mycelium.edge.upstream.ClientGoneException;
import io.mycelium.edge.upstream.ConnectionPool;
import io.mycelium.edge.upstream.RequestHead;
import io.mycelium.edge.upstream.ResponseHead;
import io.mycelium.edge.upstream.UpstreamConnection;
import io.mycelium.edge.upstream.UpstreamFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Routes and forwards one request. Thread-safe: Helidon calls it on one virtual thread per
 * request; shared state lives in concurrent maps and atomics.
 */
public final class ProxyHandler implements Handler {

    static final HeaderName X_REQUEST_ID = HeaderNames.create("X-Request-Id");
    static final HeaderName X_MYCELIUM_EDGE = HeaderNames.create("X-Mycelium-Edge");
    static final HeaderName TRACEPARENT = HeaderNames.create("traceparent");
    private static final Header JSON = HeaderValues.create(HeaderNames.CONTENT_TYPE, "application/json");
    private static final Header TEXT = HeaderValues.create(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4");

    /** Request headers the edge never forwards as received (hop-by-hop, or rewritten by us). */
    private static final Set<String> DROPPED_REQUEST = Set.of(
            "connection", "keep-alive", "proxy-connection", "proxy-authenticate", "proxy-authorization", "te",
            "trailer", "transfer-encoding", "upgrade", "expect", "content-length", "host", "x-forwarded-for",
            "x-forwarded-proto", "x-forwarded-host", "x-request-id", "x-mycelium-edge", "traceparent", "tracestate");
    /**
     * Response headers not copied back to the client: hop-by-hop, framing Helidon redoes, and
     * (as nginx does by default) the upstream's Date and Server.
     */
    private static final Set<String> DROPPED_RESPONSE = Set.of(
            "connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade",
            "content-length", "x-request-id", "date", "server");
    private static final Status[] STATUS = new Status[600];
    private static final Map<String, HeaderName> HEADER_NAMES = new ConcurrentHashMap<>();
    private static final Set<Method> IDEMPOTENT = Set.of(
            Method.GET, Method.HEAD, Method.OPTIONS, Method.PUT, Method.DELETE, Method.TRACE);

    private final EdgeConfig config;
    private final EndpointDirectory directory;
    private final RouteParser parser;
    private final Balancer balancer;
    private final ConnectionPool pool;
    private final EdgeMetrics metrics;
    private final AccessLog accessLog;
    private final Ticker ticker;
    private final Map<String, Upstream> upstreams = new ConcurrentHashMap<>();
    private final Map<String, Routable> routable = new ConcurrentHashMap<>();

    /** The routable upstreams derived from one directory snapshot (cached by identity). */
    private record Routable(AppEndpoints source, List<Upstream> upstreams) {
    }

    public ProxyHandler(EdgeConfig config, EndpointDirectory directory, ConnectionPool pool, EdgeMetrics metrics,
                        AccessLog accessLog, Ticker ticker) {
        this.config = Objects.requireNonNull(config, "config");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.pool = Objects.requireNonNull(pool, "pool");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.accessLog = Objects.requireNonNull(accessLog, "accessLog");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.parser = new RouteParser(config.hostDomain(), config.stripPrefix());
        this.balancer = config.balancing().newBalancer();
        directory.addListener(this::appChanged);
    }

    /** The upstream state of endpoint {@code id}, if the edge has routed to it (for tests). */
    public Optional<Upstream> upstream(String id) {
        return Optional.ofNullable(upstreams.get(id));
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        long start = ticker.nanoTime();
        ServerRequestHeaders headers = req.headers();
        String requestId = RequestContext.requestId(headers.first(X_REQUEST_ID).orElse(null));
        res.header(HeaderValues.create(X_REQUEST_ID, requestId));
        String rawPath = req.prologue().uriPath().rawPath();
        String host = headers.first(HeaderNames.HOST).orElse(null);
        Exchange x = new Exchange(req, res, requestId, rawPath, start);
        RouteParser.Result result = parser.parse(host, rawPath);
        if (result instanceof RouteParser.Refusal refusal) {
            if (refusal.status() != 400 && rawPath.equals(config.metricsPath())) {
                serveMetrics(x);
                return;
            }
            fail(x, EdgeMetrics.NO_APP, refusal.status(),
                    refusal.status() == 404 ? ErrorClass.UNKNOWN_APP : ErrorClass.BAD_REQUEST, refusal.reason());
            return;
        }
        RouteParser.Route route = (RouteParser.Route) result;
        if (!route.byHost() && rawPath.equals(config.metricsPath())) {
            serveMetrics(x);
            return;
        }
        x.app = route.app();
        Optional<AppEndpoints> snapshot = directory.app(route.app());
        if (snapshot.isEmpty()) {
            fail(x, EdgeMetrics.NO_APP, 404, ErrorClass.UNKNOWN_APP, "unknown app");
            return;
        }
        List<Upstream> candidates = candidates(snapshot.get());
        if (candidates.isEmpty()) {
            fail(x, route.app(), 503, ErrorClass.NO_ENDPOINT, "no ready endpoint");
            return;
        }
        String query = req.prologue().query().rawValue();
        x.target = query.isEmpty() ? route.forwardPath() : route.forwardPath() + "?" + query;
        forward(x, candidates);
    }

    /** Per-request state, so that helpers stay short. */
    private static final class Exchange {
        final ServerRequest req;
        final ServerResponse res;
        final String requestId;
        final String rawPath;
        final long start;
        String app = EdgeMetrics.NO_APP;
        String target;
        String upstream = "-";
        long bytes;
        boolean relaying;

        Exchange(ServerRequest req, ServerResponse res, String requestId, String rawPath, long start) {
            this.req = req;
            this.res = res;
            this.requestId = requestId;
            this.rawPath = rawPath;
            this.start = start;
        }
    }

    private List<Upstream> candidates(AppEndpoints snapshot) {
        Routable r = routable.get(snapshot.app());
        if (r == null || r.source() != snapshot) {
            List<Upstream> list = new ArrayList<>();
            for (Endpoint e : snapshot.routable()) {
                Upstream u = upstreams.computeIfAbsent(e.id(), id -> new Upstream(e, config.outlier(), ticker));
                u.endpoint(e);
                list.add(u);
            }
            r = new Routable(snapshot, List.copyOf(list));
            routable.put(snapshot.app(), r);
        }
        List<Upstream> all = r.upstreams();
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
                pool.closeIdle(u.endpoint().authority());
            }
        }
    }

    private void forward(Exchange x, List<Upstream> candidates) {
        Method method = x.req.prologue().method();
        boolean hasBody = x.req.content().hasEntity();
        boolean retryable = IDEMPOTENT.contains(method) && !hasBody;
        Upstream first = balancer.pick(candidates, null);
        UpstreamFailure failure = attempt(x, first, hasBody);
        if (failure == null) {
            return;
        }
        // a failed connect sent nothing (the body is not read yet): any request may go elsewhere;
        // a reset before any response byte may be retried only when repeating it is harmless
        boolean nothingSent = failure.kind() == UpstreamFailure.Kind.CONNECT;
        boolean resetBeforeResponse = failure.kind() == UpstreamFailure.Kind.RESET && !failure.responseStarted();
        if (nothingSent || (retryable && resetBeforeResponse)) {
            Upstream second = balancer.pick(candidates, first);
            failure = attempt(x, second, hasBody);
            if (failure == null) {
                return;
            }
        }
        int status = failure.kind() == UpstreamFailure.Kind.TIMEOUT ? 504 : 502;
        // the client learns the class of failure; the endpoint's address stays in the access log
        String reason = status == 504 ? "upstream timeout" : "bad gateway: " + failure.kind().label();
        fail(x, x.app, status, null, reason, failure.getMessage());
    }

    /**
     * One try on one endpoint.
     *
     * @return null when a response was relayed (completely, or cut off after it started), or the
     *         failure when nothing has been sent to the client yet
     */
    private UpstreamFailure attempt(Exchange x, Upstream u, boolean hasBody) {
        Endpoint e = u.endpoint();
        x.upstream = e.authority();
        u.begin();
        UpstreamConnection c = null;
        try {
            c = pool.acquire(e.host(), e.port(), x.upstream);
            c.begin(config.timeout(x.app));
            writeRequest(x, c, e, hasBody);
            ResponseHead head = c.readHead(x.req.prologue().method() == Method.HEAD);
            if (head.status() >= 500) {
                metrics.error(x.app, ErrorClass.UPSTREAM_5XX);
                if (head.status() >= 502 && head.status() <= 504) {
                    u.failure();
                } else {
                    u.success();
                }
            } else {
                u.success();
            }
            relay(x, c, head);
            pool.release(c);
            c = null;
            return null;
        } catch (UpstreamFailure f) {
            u.failure();
            metrics.error(x.app, errorClass(f.kind()));
            if (x.relaying || x.res.isSent()) {
                throw closeClient(x, f.getMessage(), f);
            }
            return f;
        } catch (ClientGoneException cg) {
            metrics.error(x.app, ErrorClass.CLIENT);
            throw closeClient(x, cg.getMessage(), cg);
        } catch (IOException io) {
            UpstreamFailure f = c == null
                    ? new UpstreamFailure(UpstreamFailure.Kind.CONNECT, false, io.getMessage(), io) : c.classify(io);
            u.failure();
            metrics.error(x.app, errorClass(f.kind()));
            if (x.relaying || x.res.isSent()) {
                throw closeClient(x, f.getMessage(), f);
            }
            return f;
        } finally {
            u.end();
            if (c != null) {
                c.close();
            }
        }
    }

    private CloseConnectionException closeClient(Exchange x, String why, Throwable cause) {
        access(x, x.res.status().code(), why);
        return new CloseConnectionException("request " + x.requestId + ": " + why, cause);
    }

    private void writeRequest(Exchange x, UpstreamConnection c, Endpoint e, boolean hasBody) throws IOException {
        ServerRequestHeaders in = x.req.headers();
        RequestHead head = c.requestHead();
        head.append(x.req.prologue().method().text()).append(" ").append(x.target).append(" HTTP/1.1").crlf();
        head.field("Host", e.authority());
        Set<String> connectionTokens = connectionTokens(in);
        String forwardedFor = null;
        String originalHost = null;
        String tracestate = null;
        String incomingTrace = null;
        boolean chunkedIn = false;
        for (Header h : in) {
            String lower = h.headerName().lowerCase();
            if (DROPPED_REQUEST.contains(lower)) {
                switch (lower) {
                    case "x-forwarded-for" -> forwardedFor = h.values();
                    case "host" -> originalHost = h.get();
                    case "tracestate" -> tracestate = h.values();
                    case "traceparent" -> incomingTrace = h.get();
                    case "transfer-encoding" -> chunkedIn = true;
                    default -> {
                        // dropped and not needed
                    }
                }
                continue;
            }
            if (!connectionTokens.isEmpty() && connectionTokens.contains(lower)) {
                continue;
            }
            String name = h.name();
            if (h.valueCount() == 1) {
                head.field(name, h.get());
            } else {
                for (String v : h.allValues()) {
                    head.field(name, v);
                }
            }
        }
        String client = clientAddress(x.req.remotePeer().address());
        head.field("X-Forwarded-For", forwardedFor == null ? client : forwardedFor + ", " + client);
        head.field("X-Forwarded-Proto", x.req.isSecure() ? "https" : "http");
        if (originalHost != null) {
            head.field("X-Forwarded-Host", originalHost);
        }
        head.field("X-Request-Id", x.requestId);
        head.field("X-Mycelium-Edge", config.edgeId());
        head.field("traceparent", RequestContext.traceparent(incomingTrace));
        if (tracestate != null && RequestContext.isValidTraceparent(incomingTrace)) {
            head.field("tracestate", tracestate);
        }
        // with Transfer-Encoding, any Content-Length is ignored (RFC 9112 6.3): forwarding it would
        // let the two framings disagree on the upstream connection (request smuggling)
        long contentLength = !hasBody ? 0 : chunkedIn ? -1 : in.contentLength().orElse(-1);
        if (hasBody) {
            if (contentLength >= 0) {
                head.append("Content-Length: ").append(contentLength).crlf();
            } else {
                head.field("Transfer-Encoding", "chunked");
            }
        }
        head.crlf();
        OutputStream out = c.out();
        head.writeTo(out);
        if (hasBody) {
            long copied = copyRequestBody(x, contentLength >= 0 ? out : new ChunkedOutputStream(out));
            if (contentLength >= 0 && copied != contentLength) {
                throw new ClientGoneException("client sent " + copied + " body bytes, Content-Length says "
                        + contentLength, null);
            }
        }
        out.flush();
    }

    private static long copyRequestBody(Exchange x, OutputStream to) throws IOException {
        byte[] buf = new byte[16 * 1024];
        long copied = 0;
        try (InputStream body = x.req.content().inputStream()) {
            while (true) {
                int n;
                try {
                    n = body.read(buf);
                } catch (IOException | UncheckedIOException | IllegalStateException e) {
                    throw new ClientGoneException("client body could not be read: " + e.getMessage(), e);
                }
                if (n < 0) {
                    break;
                }
                to.write(buf, 0, n);
                copied += n;
                // stream as it comes: the backend sees each part without waiting for the whole body
                to.flush();
            }
        }
        if (to instanceof ChunkedOutputStream chunked) {
            chunked.finish();
        }
        return copied;
    }

    private static Set<String> connectionTokens(ServerRequestHeaders in) {
        Optional<String> connection = in.first(HeaderNames.CONNECTION);
        if (connection.isEmpty()) {
            return Set.of();
        }
        Set<String> tokens = new HashSet<>();
        for (String t : connection.get().split(",")) {
            tokens.add(t.strip().toLowerCase(Locale.ROOT));
        }
        return tokens;
    }

    private static String clientAddress(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(address);
    }

    private void relay(Exchange x, UpstreamConnection c, ResponseHead head) throws IOException {
        ServerResponse res = x.res;
        x.relaying = true;
        res.status(status(head.status()));
        for (ResponseHead.Field f : head.headers()) {
            HeaderName name = headerName(f.name());
            if (!DROPPED_RESPONSE.contains(name.lowerCase())) {
                res.headers().add(HeaderValues.create(name, f.value()));
            }
        }
        if (head.noBody()) {
            if (head.contentLength() >= 0 && x.req.prologue().method() == Method.HEAD) {
                res.headers().contentLength(head.contentLength());
            }
            c.copyBody(head, OutputStream.nullOutputStream());
            res.send();
        } else if (head.contentLength() >= 0 && head.contentLength() <= UpstreamConnection.SMALL_BODY) {
            byte[] body = c.readSmallBody(head);
            x.bytes = body.length;
            res.send(body);
        } else {
            if (head.contentLength() >= 0) {
                res.headers().contentLength(head.contentLength());
            }
            OutputStream out = res.outputStream();
            x.bytes = c.copyBody(head, out);
            out.close();
        }
        metrics.request(x.app, head.status(), ticker.nanoTime() - x.start);
        access(x, head.status(), null);
    }

    /**
     * Helidon's HeaderNames.create looks names up on every call; upstream header names repeat, so
     * they are cached (bounded, so that a backend inventing names cannot grow it without end).
     */
    private static HeaderName headerName(String name) {
        HeaderName cached = HEADER_NAMES.get(name);
        if (cached != null) {
            return cached;
        }
        HeaderName created = HeaderNames.create(name);
        if (HEADER_NAMES.size() < 1024) {
            HEADER_NAMES.put(name, created);
        }
        return created;
    }

    /** Helidon's Status lookup is slow; statuses are cached per code (a benign race). */
    private static Status status(int code) {
        if (code < 100 || code >= STATUS.length) {
            return Status.create(code);
        }
        Status s = STATUS[code];
        if (s == null) {
            s = Status.create(code);
            STATUS[code] = s;
        }
        return s;
    }

    private void serveMetrics(Exchange x) {
        byte[] body = metrics.prometheus().getBytes(StandardCharsets.UTF_8);
        x.res.header(TEXT);
        x.res.send(body);
        x.bytes = body.length;
        access(x, 200, null);
    }

    private void fail(Exchange x, String app, int status, ErrorClass errorClass, String reason) {
        fail(x, app, status, errorClass, reason, reason);
    }

    private void fail(Exchange x, String app, int status, ErrorClass errorClass, String reason, String note) {
        if (errorClass != null) {
            metrics.error(app, errorClass);
        }
        String json = "{\"error\":\"" + jsonEscape(reason) + "\",\"app\":\"" + jsonEscape(x.app.equals(EdgeMetrics.NO_APP)
                ? appGuess(x.rawPath) : x.app) + "\",\"requestId\":\"" + jsonEscape(x.requestId) + "\"}";
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        x.res.status(status);
        x.res.header(JSON);
        x.res.send(body);
        x.bytes = body.length;
        metrics.request(app, status, ticker.nanoTime() - x.start);
        access(x, status, note);
    }

    /** The first path segment, for naming an unknown app in the error body (bounded length). */
    private static String appGuess(String rawPath) {
        int end = rawPath.indexOf('/', 1);
        String seg = end < 0 ? rawPath.substring(Math.min(1, rawPath.length())) : rawPath.substring(1, end);
        return seg.length() > 63 ? seg.substring(0, 63) : seg;
    }

    private void access(Exchange x, int status, String note) {
        if (accessLog == AccessLog.NONE) {
            return;
        }
        long micros = (ticker.nanoTime() - x.start) / 1000;
        StringBuilder b = new StringBuilder(160);
        b.append(clientAddress(x.req.remotePeer().address())).append(" \"")
                .append(x.req.prologue().method().text()).append(' ').append(printable(x.rawPath)).append("\" ")
                .append(status).append(' ').append(x.bytes).append(' ')
                .append(micros / 1000).append('.').append((char) ('0' + micros % 1000 / 100))
                .append((char) ('0' + micros % 100 / 10)).append((char) ('0' + micros % 10)).append("ms")
                .append(" app=").append(x.app).append(" upstream=").append(x.upstream)
                .append(" rid=").append(x.requestId);
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
