package io.mycelium.agent.api;

import io.mycelium.client.api.OperatorSignature;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import io.mycelium.spore.digest.Digest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may do what. Reads are open unless {@link ApiConfig#readsNeedToken()}; the health endpoints
 * are always open. A plan is authorized by its own operator signature (checked by the plans
 * service); a spore upload, an instance stop or restart by the bearer token or an
 * {@link OperatorSignature} over its digest or instance id.
 */
final class Access implements Filter {
    private final ApiConfig config;
    private final AgentServices services;

    Access(ApiConfig config, AgentServices services) {
        this.config = Objects.requireNonNull(config, "config");
        this.services = Objects.requireNonNull(services, "services");
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String path = req.path().path();
        boolean read = req.prologue().method() == Method.GET || req.prologue().method() == Method.HEAD;
        boolean guarded = path.startsWith("/v1") || path.equals("/metrics");
        if (read && guarded && config.readsNeedToken()) {
            requireToken(req, "reads on this agent need the API token");
        }
        chain.proceed();
    }

    private Optional<String> bearer(ServerRequest req) {
        Optional<String> auth = req.headers().first(HeaderNames.AUTHORIZATION);
        if (auth.isEmpty()) {
            return Optional.empty();
        }
        String v = auth.get().strip();
        if (!v.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiException(401, "Authorization must be 'Bearer <token>'", "pass the token file of the agent: --token-file FILE");
        }
        return Optional.of(v.substring(7).strip());
    }

    private boolean tokenMatches(String given) {
        return config.token() != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                config.token().getBytes(StandardCharsets.UTF_8));
    }

    private void requireToken(ServerRequest req, String why) {
        Optional<String> given = bearer(req);
        if (given.isEmpty()) {
            throw new ApiException(401, why, "pass the agent's token file: --token-file FILE (or header 'Authorization: Bearer <token>')");
        }
        if (!tokenMatches(given.get())) {
            throw new ApiException(403, "the API token does not match this agent's", "use the token file given to `mesh agent --api-token-file`");
        }
    }

    /** Throws unless the request may upload {@code digest}: the bearer token or an operator signature over it. */
    void authorizeUpload(ServerRequest req, Digest digest) {
        authorize(req, OperatorSignature.PUT_SPORE, digest.toString(), "uploading a spore",
                "sign with an operator key the agent trusts (mesh publish --key operator.key) or pass --token-file FILE");
    }

    /**
     * Throws unless the request may stop or restart {@code instanceId}: the bearer token or an
     * operator signature over it. Returns who asked, for the instance's message.
     */
    String authorizeInstanceAction(ServerRequest req, String action, String instanceId) {
        return authorize(req, action, instanceId, "stopping or restarting an instance",
                "sign with an operator key the agent trusts (mesh instance stop|restart ID --key operator.key) or pass --token-file FILE");
    }

    private String authorize(ServerRequest req, String action, String subject, String what, String hint) {
        Optional<String> given = bearer(req);
        if (given.isPresent()) {
            if (!tokenMatches(given.get())) {
                throw new ApiException(403, "the API token does not match this agent's", "use the token file given to `mesh agent --api-token-file`");
            }
            return "with the API token";
        }
        Optional<String> signature = req.headers().first(HeaderNames.create(OperatorSignature.HEADER));
        if (signature.isEmpty()) {
            throw new ApiException(401, what + " needs an operator signature or the API token", hint);
        }
        String problem = OperatorSignature.problem(signature.get(), action, subject, services.operators(), services.clock().instant(),
                config.signatureWindow());
        if (problem != null) {
            throw new ApiException(403, problem, "sign with an operator key in the agent's operator trust store, on a machine whose clock is right");
        }
        String key = signature.get().replaceAll(".*key=([0-9a-fA-F]+).*", "$1");
        return "by operator key " + (key.length() > 12 ? key.substring(0, 12) : key);
    }
}
