package io.mycelium.agent.api;

import io.helidon.webserver.WebServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.IOException;
import java.time.Duration;

/** A real Helidon server on 127.0.0.1 with the API mounted on a fake agent; closed by the test. */
final class ApiServer implements AutoCloseable {
    final WebServer server;
    final URI base;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ApiServer(AgentServices services, ApiConfig config) {
        server = WebServer.builder().host("127.0.0.1").port(0)
                .routing(r -> AgentApi.mount(r, services, config))
                .build().start();
        base = URI.create("http://127.0.0.1:" + server.port());
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20));
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(request(path).GET().build());
    }

    @Override
    public void close() {
        http.close();
        server.stop();
    }
}
