package io.mycelium.agent.api;

import io.mycelium.client.api.ApiDocuments;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.mycelium.fabric.model.Json;
import io.mycelium.spore.digest.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/** JSON replies, the error body, and request parsing shared by the services. */
final class Replies {
    static final String JSON = "application/json";

    private Replies() {
    }

    static void json(ServerResponse res, int status, Object body) {
        byte[] bytes = (Json.write(body) + "\n").getBytes(StandardCharsets.UTF_8);
        res.status(Status.create(status));
        res.header(HeaderNames.CONTENT_TYPE, JSON);
        res.send(bytes);
    }

    static void ok(ServerResponse res, Object body) {
        json(res, 200, body);
    }

    static void error(ServerResponse res, int status, String error, String hint) {
        json(res, status, new ApiDocuments.ErrorBody(error, hint == null ? "" : hint));
    }

    static Digest digestParam(ServerRequest req) {
        String text = req.path().pathParameters().get("digest");
        try {
            return Digest.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("'" + text + "' is not a spore digest", "digests look like sha256:<64 hex>; see GET /v1/spores");
        }
    }

    static Optional<String> query(ServerRequest req, String name) {
        return req.query().contains(name) ? Optional.of(req.query().get(name)) : Optional.empty();
    }

    static int intQuery(ServerRequest req, String name, int dflt, int min, int max) {
        Optional<String> v = query(req, name);
        if (v.isEmpty()) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v.get());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the one message below
        }
        throw ApiException.badRequest("query parameter " + name + "=" + v.get() + " is not a number from " + min + " to " + max,
                "e.g. ?" + name + "=" + dflt);
    }

    static boolean boolQuery(ServerRequest req, String name) {
        Optional<String> v = query(req, name);
        if (v.isEmpty()) {
            return false;
        }
        return switch (v.get()) {
            case "", "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw ApiException.badRequest("query parameter " + name + "=" + v.get() + " is not true or false", "e.g. ?" + name + "=true");
        };
    }

    /** The request body as text, refusing more than {@code max} bytes. */
    static String body(ServerRequest req, int max) {
        try (InputStream in = req.content().inputStream()) {
            byte[] bytes = in.readNBytes(max + 1);
            if (bytes.length > max) {
                throw new ApiException(413, "request body is larger than " + max + " bytes", "send one signed record per request");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ApiException(400, "cannot read the request body: " + e.getMessage(), "send the body again");
        }
    }

    static Map<String, String> map(String k, String v) {
        return Map.of(k, v);
    }
}
