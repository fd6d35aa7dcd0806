package io.mycelium.agent.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the API guards itself.
 *
 * @param token           the bearer token that authorizes writes (and reads, see below); null for none
 * @param readsNeedToken  true to require the token for reads too ({@code /v1/**}, {@code /metrics});
 *                        the health endpoints stay open
 * @param maxUploadBytes  the largest spore a {@code PUT} accepts
 * @param signatureWindow how far an operator signature's time may be from the agent's clock
 * @param followPoll      how often a log follower looks for new lines
 */
public record ApiConfig(String token, boolean readsNeedToken, long maxUploadBytes, Duration signatureWindow, Duration followPoll) {
    /** 4 GiB, the most a spore (a zip without zip64) can hold, plus room for its envelope. */
    public static final long DEFAULT_MAX_UPLOAD = (4L << 30) + (16 << 20);

    public ApiConfig {
        if (token != null && (token.isBlank() || token.length() < 16)) {
            throw new IllegalArgumentException("API token must be at least 16 characters (use e.g. `openssl rand -hex 32`)");
        }
        if (readsNeedToken && token == null) {
            throw new IllegalArgumentException("reads can only need a token when there is one: give --api-token-file");
        }
        if (maxUploadBytes < 1) {
            throw new IllegalArgumentException("max upload bytes must be positive, got " + maxUploadBytes);
        }
        Objects.requireNonNull(signatureWindow, "signatureWindow");
        Objects.requireNonNull(followPoll, "followPoll");
    }

    /** No token: reads open, writes only with an operator signature. */
    public static ApiConfig open() {
        return new ApiConfig(null, false, DEFAULT_MAX_UPLOAD, Duration.ofMinutes(5), Duration.ofMillis(200));
    }

    /** The token from a file (its first line, trimmed), for {@code --api-token-file}. */
    public static ApiConfig withTokenFile(Path file, boolean readsNeedToken) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        int nl = text.indexOf('\n');
        String token = nl < 0 ? text : text.substring(0, nl).strip();
        if (token.isEmpty()) {
            throw new IllegalArgumentException("API token file " + file + " is empty; put a secret of 16+ characters in it");
        }
        return open().withToken(token, readsNeedToken);
    }

    public ApiConfig withToken(String newToken, boolean newReadsNeedToken) {
        return new ApiConfig(newToken, newReadsNeedToken, maxUploadBytes, signatureWindow, followPoll);
    }

    public ApiConfig withMaxUploadBytes(long bytes) {
        return new ApiConfig(token, readsNeedToken, bytes, signatureWindow, followPoll);
    }

    @Override
    public String toString() {
        return "ApiConfig[token=" + (token == null ? "none" : "(set)") + ", readsNeedToken=" + readsNeedToken
                + ", maxUploadBytes=" + maxUploadBytes + ", signatureWindow=" + signatureWindow + ", followPoll=" + followPoll + "]";
    }
}
