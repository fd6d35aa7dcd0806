package io.mycelium.client.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mycelium.client.api.ApiDocuments;
import io.mycelium.client.api.OperatorSignature;
import io.mycelium.fabric.model.Json;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.state.OperatorRecords;
import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.key.SigningKey;
import io.mycelium.testing.Ports;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a loopback HTTP server that answers as an agent does (and, on one path, as something else). */
class AgentClientTest {
    private static final Digest D = Digest.of("spore".getBytes(StandardCharsets.UTF_8));
    private final Map<String, String> seen = new ConcurrentHashMap<>();
    private HttpServer server;
    private AgentClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
        client = new AgentClient("http://127.0.0.1:" + server.getAddress().getPort() + "/", "tok");
    }

    @AfterEach
    void stop() {
        client.close();
        server.stop(0);
    }

    private void answer(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getRawPath() + (x.getRequestURI().getRawQuery() == null ? "" : "?" + x.getRequestURI().getRawQuery());
        seen.put(x.getRequestMethod() + " " + path, String.valueOf(x.getRequestHeaders().getFirst("Authorization")));
        x.getRequestHeaders().forEach((k, v) -> seen.put("header " + k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
        byte[] body = x.getRequestBody().readAllBytes();
        switch (x.getRequestMethod() + " " + path) {
            case "GET /v1/apps" -> reply(x, 200, Json.write(new ApiDocuments.Apps("a", List.of(new ApiDocuments.AppRow("web", 2, "k", null, 1, 1, 0,
                    Map.of("ready", 1), List.of())))));
            case "GET /v1/apps/nope" -> reply(x, 404, Json.write(new ApiDocuments.ErrorBody("no app 'nope' in the cluster", "see GET /v1/apps")));
            case "GET /v1/plans/web" -> reply(x, 403, Json.write(new ApiDocuments.ErrorBody("reads need a token", "set the token")));
            case "GET /v1/instances?app=web&node=b" -> reply(x, 200, Json.write(new ApiDocuments.Instances("a", List.of())));
            case "GET /v1/spores" -> reply(x, 200, "<html>not an agent</html>");
            case "POST /v1/plans" -> reply(x, 202, Json.write(new ApiDocuments.PlanAccepted(true, "web", 1, "a", false)));
            case "GET /v1/instances/web-0/logs?tail=5&stream=stdout" -> reply(x, 200, "one\ntwo\n");
            default -> {
                if (x.getRequestMethod().equals("PUT") && path.equals("/v1/spores/" + D)) {
                    reply(x, 201, Json.write(new ApiDocuments.SporeStored(D.toString(), body.length, "web", "1", "k", true)));
                } else {
                    reply(x, 404, Json.write(new ApiDocuments.ErrorBody("no such resource: " + x.getRequestMethod() + " " + path, "")));
                }
            }
        }
    }

    private static void reply(HttpExchange x, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(status, b.length);
        x.getResponseBody().write(b);
        x.close();
    }

    @Test
    void readsTypedDocumentsWithTheToken() {
        assertThat(client.apps().apps()).singleElement().satisfies(a -> assertThat(a.app()).isEqualTo("web"));
        assertThat(seen).containsEntry("GET /v1/apps", "Bearer tok");
        assertThat(client.instances("web", "b").instances()).isEmpty();
    }

    @Test
    void anAgents404AboutTheResourceIsEmptyButAnUnknownRouteIsARefusal() {
        assertThat(client.app("nope")).isEmpty();
        assertThatThrownBy(() -> client.manifest(D)).isInstanceOf(ClientException.class);
        assertThatThrownBy(() -> client.plan("web")).isInstanceOfSatisfying(ClientException.class, e -> {
            assertThat(e.kind()).isEqualTo(ClientException.Kind.REFUSED);
            assertThat(e.status()).isEqualTo(403);
            assertThat(e.getMessage()).isEqualTo("agent refused: reads need a token");
            assertThat(e.hint()).isEqualTo("set the token");
        });
    }

    @Test
    void anAnswerThatIsNotAnAgentsIsSaidSo() {
        assertThatThrownBy(() -> client.spores()).isInstanceOfSatisfying(ClientException.class, e -> {
            assertThat(e.kind()).isEqualTo(ClientException.Kind.NOT_AN_AGENT);
            assertThat(e.getMessage()).contains("is http://127.0.0.1:" + server.getAddress().getPort() + " a mesh agent's API");
        });
    }

    @Test
    void writesSignedPlansAndSignedSporeUploads() {
        SigningKey operator = SigningKey.generate();
        var accepted = client.submitPlan(OperatorRecords.sign(operator, Plan.of("web", D, 1), "web", 1, 1));
        assertThat(accepted.accepted()).isTrue();
        var stored = client.putSpore(D, 5, () -> new ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8)), operator,
                Instant.now());
        assertThat(stored.created()).isTrue();
        assertThat(stored.size()).isEqualTo(5);
        assertThat(seen.get("header " + OperatorSignature.HEADER.toLowerCase(java.util.Locale.ROOT))).startsWith("key=" + operator.id().hex());
    }

    @Test
    void followsLogLines() {
        try (Stream<String> lines = client.logs("web-0", "", "stdout", 5, false)) {
            assertThat(lines.toList()).containsExactly("one", "two");
        }
    }

    @Test
    void nothingListeningIsUnreachableAndABadUrlIsSaidSo() throws IOException {
        int port = Ports.free();
        try (AgentClient nobody = new AgentClient("http://127.0.0.1:" + port, null)) {
            assertThatThrownBy(nobody::apps).isInstanceOfSatisfying(ClientException.class, e -> {
                assertThat(e.kind()).isEqualTo(ClientException.Kind.UNREACHABLE);
                assertThat(e.getMessage()).contains("cannot reach the agent at http://127.0.0.1:" + port).doesNotContain("--");
            });
            assertThat(nobody.ready()).isFalse();
        }
        try (AgentClient bad = new AgentClient("localhost:7070", null)) {
            assertThatThrownBy(bad::apps).isInstanceOfSatisfying(ClientException.class,
                    e -> assertThat(e.kind()).isEqualTo(ClientException.Kind.BAD_URL));
        }
    }
}
