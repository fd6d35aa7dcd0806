package io.mycelium.client.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Whether a URL answers 200: for waiting on something that is not an agent's API (the edge's
 * {@code /metrics}, an app routed through the edge). Never throws: nothing answering is
 * {@code false}. Thread-safe.
 */
public final class HttpProbe {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpProbe() {
    }

    /** GET {@code url}: true when it answers 200 within five seconds. */
    public static boolean answers200(String url) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build();
            return HTTP.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException | IllegalArgumentException e) { // UnresolvedAddressException is an IllegalArgumentException
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
