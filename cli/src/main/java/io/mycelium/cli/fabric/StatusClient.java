package io.mycelium.cli.fabric;

import com.fasterxml.jackson.databind.JsonNode;
import io.mycelium.cli.MeshException;
import io.mycelium.fabric.model.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads a member's status documents ({@code /v1/nodes}, {@code /v1/state}) over HTTP. */
final class StatusClient {
    private StatusClient() {
    }

    static String baseUrl(String option, java.util.Map<String, String> env) {
        String url = option != null ? option : env.getOrDefault("MESH_API", io.mycelium.cli.api.ApiOptions.DEFAULT_API);
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    static <T> T get(String base, String path, Class<T> type) {
        URI uri;
        try {
            uri = URI.create(base + path);
        } catch (IllegalArgumentException e) {
            throw MeshException.usage("--api " + base + ": not a URL");
        }
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw MeshException.rejected(uri + " answered " + r.statusCode() + "; is this a mesh member's API?");
            }
            return Json.read(r.body(), type);
        } catch (IOException e) {
            throw MeshException.rejected("cannot reach " + uri + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); is a member running there? use --api URL");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw MeshException.rejected("interrupted while reading " + uri);
        } catch (IllegalArgumentException e) {
            throw MeshException.rejected(uri + " did not return a status document: " + e.getMessage());
        }
    }

    static String ageText(long ms) {
        long s = ms / 1000;
        if (s < 120) {
            return s + "s";
        }
        if (s < 7200) {
            return (s / 60) + "m";
        }
        return (s / 3600) + "h";
    }

    static String compact(JsonNode payload, int max) {
        if (payload == null) {
            return "(deleted)";
        }
        String t = payload.toString();
        return t.length() <= max ? t : t.substring(0, max - 3) + "...";
    }
}
