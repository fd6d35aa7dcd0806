package io.mycelium.edge.proxy;

import io.mycelium.edge.EdgeConfig;
import io.mycelium.edge.Ticker;
import io.mycelium.edge.balance.Balancer;
import io.mycelium.edge.balance.Upstream;
import io.mycelium.edge.client.BadRequestException;
import io.mycelium.edge.client.ClientInput;
import io.mycelium.edge.client.ClientOutput;
import io.mycelium.edge.client.ClientRequest;
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
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Routes and forwards one request of a client connection ({@link EdgeConnection} calls it once per
 * parsed request head) and writes the response on the connection's output. Thread-safe: one
 * virtual thread per client connection calls it; shared state lives in concurrent maps and atomics.
 */
public final class ProxyHandler {

    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE");

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

    /** Unwinds an exchange after which the client connection must be closed (already logged). */
    private static final class CloseClient extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CloseClient() {
            super(null, null, false, false);
        }
    }

    private static final CloseClient CLOSE = new CloseClient();

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

    /** The client connection an exchange runs on. */
    record Client(ClientInput in, ClientOutput out, String address, boolean secure) {
    }

    /** Per-request state, so that helpers stay short. */
    private static final class Exchange {
        final ClientRequest req;
        final Client client;
        /** The client's acceptable X-Request-Id, or null until {@link #requestId()} names a new one. */
        private String requestId;
        /** A new request id as ASCII bytes, when the client sent none acceptable; else null. */
        final byte[] newId;
        final String rawPath;
        final long start;
        String app = EdgeMetrics.NO_APP;
        String target;
        String upstream = "-";
        long bytes;
        boolean relaying;
        boolean bodyRead;
        boolean keepAlive;
        int status;

        Exchange(ClientRequest req, Client client, String incomingId, String rawPath, long start) {
            this.req = req;
            this.client = client;
            if (incomingId != null && RequestContext.isSafeId(incomingId)) {
                this.requestId = incomingId;
                this.newId = null;
            } else {
                // written into the heads as bytes; a string only for the access log or an error body
                this.newId = new byte[RequestContext.ID_LENGTH];
                RequestContext.newRequestId(newId, 0);
            }
            this.rawPath = rawPath;
            this.start = start;
            this.keepAlive = req != null && req.keepAlive();
        }

        String method() {
            return req == null ? "-" : req.method();
        }

        String requestId() {
            String id = requestId;
            if (id == null) {
                id = new String(newId, StandardCharsets.ISO_8859_1);
                requestId = id;
            }
            return id;
        }
    }

    /**
     * Serves one parsed request and writes its response.
     *
     * @return whether the client connection may carry another request
     */
    boolean serve(ClientRequest req, Client client) {
        Exchange x = new Exchange(req, client, req.requestId(), req.rawPath(), ticker.nanoTime());
        try {
            route(x);
            return x.keepAlive;
        } catch (CloseClient c) {
            return false;
        }
    }

    /** Answers a request head the parser refused; the connection is closed after it. */
    void refuse(BadRequestException e, Client client) {
        Exchange x = new Exchange(null, client, null, "-", ticker.nanoTime());
        try {
            fail(x, EdgeMetrics.NO_APP, e.status(), ErrorClass.BAD_REQUEST, e.getMessage());
        } catch (CloseClient c) {
            // the client is gone as well
        }
    }

    private void route(Exchange x) {
        String rawPath = x.rawPath;
        RouteParser.Result result = parser.parse(x.req.host(), rawPath);
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
        String query = x.req.query();
        x.target = query.isEmpty() ? route.forwardPath() : route.forwardPath() + "?" + query;
        forward(x, candidates);
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
        boolean hasBody = x.req.hasBody();
        boolean retryable = IDEMPOTENT.contains(x.req.method()) && !hasBody;
        Upstream first = balancer.pick(candidates, null);
        UpstreamFailure failure = attempt(x, first);
        if (failure == null) {
            return;
        }
        // a failed connect sent nothing (the body is not read yet): any request may go elsewhere;
        // a reset before any response byte may be retried only when repeating it is harmless
        boolean nothingSent = failure.kind() == UpstreamFailure.Kind.CONNECT;
        boolean resetBeforeResponse = failure.kind() == UpstreamFailure.Kind.RESET && !failure.responseStarted();
        if (nothingSent || (retryable && resetBeforeResponse)) {
            Upstream second = balancer.pick(candidates, first);
            failure = attempt(x, second);
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
     * @return null when a response was relayed, or the failure when nothing has been sent to the
     *         client yet
     * @throws CloseClient when the client connection must be closed (a response cut off, a client gone)
     */
    private UpstreamFailure attempt(Exchange x, Upstream u) {
        Endpoint e = u.endpoint();
        x.upstream = e.authority();
        u.begin();
        UpstreamConnection c = null;
        try {
            c = pool.acquire(e.host(), e.port(), x.upstream);
            c.begin(config.timeout(x.app));
            writeRequest(x, c, e);
            ResponseHead head = c.readHead("HEAD".equals(x.req.method()));
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
            if (x.relaying) {
                throw closeClient(x, f.getMessage());
            }
            return f;
        } catch (ClientGoneException cg) {
            metrics.error(x.app, ErrorClass.CLIENT);
            throw closeClient(x, cg.getMessage());
        } catch (BadRequestException bad) {
            // the request body's framing was malformed; nothing was sent to the client yet
            x.keepAlive = false;
            fail(x, x.app, bad.status(), ErrorClass.BAD_REQUEST, bad.getMessage());
            throw CLOSE;
        } catch (IOException io) {
            UpstreamFailure f = c == null
                    ? new UpstreamFailure(UpstreamFailure.Kind.CONNECT, false, io.getMessage(), io) : c.classify(io);
            u.failure();
            metrics.error(x.app, errorClass(f.kind()));
            if (x.relaying) {
                throw closeClient(x, f.getMessage());
            }
            return f;
        } finally {
            u.end();
            if (c != null) {
                c.close();
            }
        }
    }

    private CloseClient closeClient(Exchange x, String why) {
        access(x, x.status, why);
        return CLOSE;
    }

    private void writeRequest(Exchange x, UpstreamConnection c, Endpoint e) throws IOException, BadRequestException {
        ClientRequest req = x.req;
        RequestHead head = c.requestHead();
        head.append(req.method()).append(" ").append(x.target).append(" HTTP/1.1").crlf();
        head.field("Host", e.authority());
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
            head.field("X-Request-Id", x.requestId);
        }
        head.field("X-Mycelium-Edge", config.edgeId());
        String incomingTrace = req.traceparent();
        byte[] trace = new byte[RequestContext.TRACEPARENT_LENGTH];
        RequestContext.traceparent(incomingTrace, trace, 0);
        head.append("traceparent: ").append(trace, 0, trace.length).crlf();
        if (req.tracestate() != null && RequestContext.isValidTraceparent(incomingTrace)) {
            head.field("tracestate", req.tracestate());
        }
        boolean hasBody = req.hasBody();
        if (hasBody) {
            if (req.chunked()) {
                head.field("Transfer-Encoding", "chunked");
            } else {
                head.append("Content-Length: ").append(req.contentLength()).crlf();
            }
        }
        head.crlf();
        OutputStream out = c.out();
        head.writeTo(out);
        if (hasBody) {
            if (req.expectContinue() && !req.http10()) {
                ClientOutput client100 = x.client.out();
                client100.ascii("HTTP/1.1 100 Continue").crlf().crlf();
                client100.flush();
            }
            x.bodyRead = true;
            if (req.chunked()) {
                ChunkedOutputStream chunked = new ChunkedOutputStream(out);
                x.client.in().copyChunked(chunked);
                chunked.finish();
            } else {
                x.client.in().copyFixed(req.contentLength(), out);
            }
        }
        out.flush();
    }

    private void relay(Exchange x, UpstreamConnection c, ResponseHead head) throws IOException {
        x.relaying = true;
        ClientOutput out = x.client.out();
        ClientRequest req = x.req;
        int status = head.status();
        x.status = status;
        out.ascii(StatusLine.of(status));
        c.relayedFields().writeTo(out);
        requestIdField(x, out);
        out.ascii(HttpDate.line());
        if (head.noBody()) {
            if (head.contentLength() >= 0 && "HEAD".equals(req.method())) {
                out.ascii("Content-Length: ").number(head.contentLength()).crlf();
            }
            connection(x, out).crlf();
            c.copyBody(head, OutputStream.nullOutputStream());
            out.flush();
        } else if (head.contentLength() >= 0) {
            out.ascii("Content-Length: ").number(head.contentLength()).crlf();
            connection(x, out).crlf();
            if (head.contentLength() <= UpstreamConnection.SMALL_BODY) {
                c.copySmallBody(head, out);
                x.bytes = head.contentLength();
            } else {
                x.bytes = c.copyBody(head, out);
            }
            out.flush();
        } else if (!req.http10()) {
            out.ascii("Transfer-Encoding: chunked\r\n");
            connection(x, out).crlf();
            ChunkedOutputStream chunked = new ChunkedOutputStream(out);
            x.bytes = c.copyBody(head, chunked);
            chunked.finish();
            out.flush();
        } else {
            // an HTTP/1.0 client cannot take chunks: the body runs until the edge closes
            x.keepAlive = false;
            connection(x, out).crlf();
            x.bytes = c.copyBody(head, out);
            out.flush();
        }
        metrics.request(x.app, status, ticker.nanoTime() - x.start);
        access(x, status, null);
    }

    private static ClientOutput requestIdField(Exchange x, ClientOutput out) {
        out.ascii("X-Request-Id: ");
        if (x.newId != null) {
            out.bytes(x.newId, 0, x.newId.length);
        } else {
            out.ascii(x.requestId);
        }
        return out.crlf();
    }

    private static ClientOutput connection(Exchange x, ClientOutput out) {
        if (!x.keepAlive) {
            out.ascii("Connection: close\r\n");
        } else if (x.req.http10()) {
            out.ascii("Connection: keep-alive\r\n");
        }
        return out;
    }

    private void serveMetrics(Exchange x) {
        byte[] body = metrics.prometheus().getBytes(StandardCharsets.UTF_8);
        respond(x, 200, "text/plain; version=0.0.4", body);
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
                ? appGuess(x.rawPath) : x.app) + "\",\"requestId\":\"" + jsonEscape(x.requestId()) + "\"}";
        metrics.request(app, status, ticker.nanoTime() - x.start);
        respond(x, status, "application/json", json.getBytes(StandardCharsets.UTF_8));
        access(x, status, note);
    }

    /** Writes a complete response the edge makes itself, in one write. */
    private void respond(Exchange x, int status, String contentType, byte[] body) {
        if (x.req == null || (x.req.hasBody() && !x.bodyRead)) {
            // the unread body (or unparsed rest) would be taken for the next request
            x.keepAlive = false;
        }
        ClientOutput out = x.client.out();
        out.ascii(StatusLine.of(status)).ascii("Content-Type: ").ascii(contentType).crlf()
                .ascii("Content-Length: ").number(body.length).crlf();
        requestIdField(x, out).ascii(HttpDate.line());
        if (!x.keepAlive) {
            out.ascii("Connection: close\r\n");
        } else if (x.req.http10()) {
            out.ascii("Connection: keep-alive\r\n");
        }
        out.crlf();
        x.bytes = body.length;
        try {
            out.write(body, 0, body.length);
            out.flush();
        } catch (IOException e) {
            metrics.error(x.app, ErrorClass.CLIENT);
            throw closeClient(x, "client went away: " + e.getMessage());
        }
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
        long micros = (ticker.nanoTime() - x.start) / 1000;
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
