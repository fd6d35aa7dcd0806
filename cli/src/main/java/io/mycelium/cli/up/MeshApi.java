package io.mycelium.cli.up;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mycelium.client.api.OperatorSignature;
import io.mycelium.fabric.model.Json;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.key.SigningKey;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The few agent API calls {@code mesh up} makes, over the JDK's HTTP client. Thread-safe. */
final class MeshApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** A reply: status and body. */
    record Reply(int status, String body) {
        boolean ok() {
            return status / 100 == 2;
        }

        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    /** GET url, or empty when nothing answers. */
    Optional<Reply> get(String url) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return Optional.of(new Reply(r.statusCode(), r.body()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Uploads a spore, authorized by an operator signature over its digest. */
    Reply putSpore(String api, Path spore, Digest digest, SigningKey operator) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(api + "/v1/spores/" + digest)).timeout(Duration.ofSeconds(60))
                .header(OperatorSignature.HEADER, OperatorSignature.sign(operator, digest, Instant.now()))
                .header("Content-Type", "application/vnd.mycelium.spore")
                .PUT(HttpRequest.BodyPublishers.ofFile(spore)).build();
        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body());
    }

    /** Submits a signed plan record. */
    Reply postPlan(String api, FabricRecord record) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(api + "/v1/plans")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(record))).build();
        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body());
    }

    /** The {@code "error"} of a JSON error body, or the body itself. */
    static String error(Reply r) {
        try {
            JsonNode n = r.json();
            if (n.hasNonNull("error")) {
                return n.get("error").asText() + (n.hasNonNull("hint") ? " (" + n.get("hint").asText() + ")" : "");
            }
        } catch (IOException e) {
            // not JSON: fall through
        }
        return "HTTP " + r.status() + " " + r.body().strip();
    }
}
