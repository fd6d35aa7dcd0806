package io.mycelium.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.mycelium.cli.MeshException;
import io.mycelium.fabric.model.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A client of one agent's HTTP API. Every failure becomes a {@link MeshException} with one line:
 * an agent that does not answer ("is `mesh agent` running?"), a refusal (the agent's own error and
 * hint), or an answer that is not what an agent sends. Not thread-safe for configuration; the
 * requests themselves may run on several threads.
 */
public final class AgentClient implements AutoCloseable {
    private static final Duration CONNECT = Duration.ofSeconds(3);
    private static final Duration REQUEST = Duration.ofSeconds(30);

    private final String base;
    private final String token;
    private final HttpClient http;

    public AgentClient(String base, String token) {
        this.base = Objects.requireNonNull(base, "base");
        this.token = token;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public String base() {
        return base;
    }

    /** The same token against another agent (where an instance's logs are). */
    public AgentClient at(String otherBase) {
        String b = otherBase.endsWith("/") ? otherBase.substring(0, otherBase.length() - 1) : otherBase;
        return new AgentClient(b, token);
    }

    public HttpRequest.Builder request(String path) {
        URI uri;
        try {
            uri = URI.create(base + path);
        } catch (IllegalArgumentException e) {
            throw MeshException.usage("--api " + base + ": not a URL (e.g. " + ApiOptions.DEFAULT_API + ")");
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null) {
            throw MeshException.usage("--api " + base + ": not an http URL (e.g. " + ApiOptions.DEFAULT_API + ")");
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(REQUEST);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    /** Sends a request; a transport failure becomes the one-line "is the agent running" error. */
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(request, body);
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw unreachable(e);
        } catch (HttpTimeoutException e) {
            throw MeshException.rejected("the agent at " + base + " did not answer " + request.method() + " "
                    + request.uri().getPath() + " in time; is it overloaded? try again, or see its log");
        } catch (IOException e) {
            throw unreachable(e);
        } catch (UnresolvedAddressException e) {
            throw MeshException.rejected("cannot resolve the host of " + base + "; check --api (or MESH_API)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw MeshException.rejected("interrupted while talking to the agent at " + base);
        }
    }

    private MeshException unreachable(Exception e) {
        String why = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof ConnectException || e.getCause() instanceof ConnectException) {
            why = "connection refused";
        }
        return MeshException.rejected("cannot reach the agent at " + base + " (" + why + "); is `mesh agent` running? "
                + "start one with `mesh agent`, or point --api (or MESH_API) at a running agent");
    }

    /** The agent's refusal as one line: its error, then its hint. */
    public MeshException refusal(HttpResponse<String> r) {
        String error = null;
        String hint = null;
        try {
            JsonNode j = Json.MAPPER.readTree(r.body());
            if (j != null && j.hasNonNull("error")) {
                error = j.get("error").asText();
                hint = j.hasNonNull("hint") ? j.get("hint").asText() : null;
            }
        } catch (IOException e) {
            // not an agent's JSON error: said below
        }
        if (error == null) {
            return MeshException.rejected(r.request().method() + " " + r.uri() + " answered " + r.statusCode()
                    + "; is " + base + " a mesh agent's API?");
        }
        return MeshException.rejected("agent refused: " + error + (hint == null || hint.isBlank() ? "" : " (" + hint + ")"));
    }

    /** {@code GET path} as a document; any status but 200 is the agent's refusal. */
    public <T> T get(String path, Class<T> type) {
        HttpResponse<String> r = send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw refusal(r);
        }
        return parse(r, type);
    }

    /** {@code GET path}: the document, or empty on 404; other statuses are the agent's refusal. */
    public <T> Optional<T> find(String path, Class<T> type) {
        HttpResponse<String> r = send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 404) {
            try {
                JsonNode j = Json.MAPPER.readTree(r.body());
                if (j != null && j.hasNonNull("error") && !j.get("error").asText().startsWith("no such resource")) {
                    return Optional.empty();
                }
            } catch (IOException e) {
                // not an agent's answer: refusal below
            }
        }
        if (r.statusCode() != 200) {
            throw refusal(r);
        }
        return Optional.of(parse(r, type));
    }

    public <T> T parse(HttpResponse<String> r, Class<T> type) {
        try {
            return Json.read(r.body(), type);
        } catch (IllegalArgumentException e) {
            throw MeshException.rejected(r.uri() + " did not answer with a " + type.getSimpleName() + "; is " + base
                    + " a mesh agent's API of the same version?");
        }
    }

    /** {@code GET path} as lines as they arrive (for following logs); the caller closes the stream. */
    public Stream<String> lines(String path) {
        HttpRequest req = request(path).timeout(Duration.ofDays(365)).GET().build();
        HttpResponse<Stream<String>> r = send(req, HttpResponse.BodyHandlers.ofLines());
        if (r.statusCode() != 200) {
            String body = String.join("\n", r.body().toList());
            throw refusal(new StringResponse(r, body));
        }
        return r.body();
    }

    /** {@code GET path} as a stream (large bodies); non-200 is the agent's refusal. */
    public InputStream stream(String path) {
        HttpResponse<InputStream> r = send(request(path).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() != 200) {
            try (InputStream in = r.body()) {
                throw refusal(new StringResponse(r, new String(in.readNBytes(64 * 1024), java.nio.charset.StandardCharsets.UTF_8)));
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

    /** A response whose body was read as something else, re-read as text for the error message. */
    private record StringResponse(HttpResponse<?> original, String body) implements HttpResponse<String> {
        @Override
        public int statusCode() {
            return original.statusCode();
        }

        @Override
        public HttpRequest request() {
            return original.request();
        }

        @Override
        public Optional<HttpResponse<String>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public java.net.http.HttpHeaders headers() {
            return original.headers();
        }

        @Override
        public Optional<javax.net.ssl.SSLSession> sslSession() {
            return original.sslSession();
        }

        @Override
        public URI uri() {
            return original.uri();
        }

        @Override
        public HttpClient.Version version() {
            return original.version();
        }
    }
}
