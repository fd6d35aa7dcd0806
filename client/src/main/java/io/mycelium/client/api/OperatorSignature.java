package io.mycelium.client.api;

import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.key.KeyId;
import io.mycelium.spore.key.SigningKey;
import io.mycelium.spore.key.TrustStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The operator signature that authorizes one request to an agent without a token: header
 * {@value #HEADER}{@code : key=<key id hex>; ts=<epoch millis>; sig=<base64 Ed25519>} over
 * {@code "mycelium-<action>-v1\n<subject>\n<ts>"}. Actions: {@value #PUT_SPORE} (subject: the
 * digest, so it cannot authorize other bytes), {@value #STOP_INSTANCE} and
 * {@value #RESTART_INSTANCE} (subject: the instance id). The time bounds how long a captured
 * header stays usable; each action is harmless to repeat (the same bytes stored again, an
 * instance stopped or restarted once more).
 */
public final class OperatorSignature {
    public static final String HEADER = "Mesh-Operator-Signature";
    /** Uploading a spore; the subject is its digest. */
    public static final String PUT_SPORE = "put-spore";
    /** Stopping an instance (its slot is placed again); the subject is the instance id. */
    public static final String STOP_INSTANCE = "stop-instance";
    /** Restarting an instance in place; the subject is the instance id. */
    public static final String RESTART_INSTANCE = "restart-instance";

    private OperatorSignature() {
    }

    private static byte[] message(String action, String subject, long ts) {
        return ("mycelium-" + action + "-v1\n" + subject + "\n" + ts).getBytes(StandardCharsets.UTF_8);
    }

    /** The header value that authorizes uploading {@code digest} at {@code now}. */
    public static String sign(SigningKey key, Digest digest, Instant now) {
        return sign(key, PUT_SPORE, digest.toString(), now);
    }

    /** The header value that authorizes {@code action} on {@code subject} at {@code now}. */
    public static String sign(SigningKey key, String action, String subject, Instant now) {
        long ts = now.toEpochMilli();
        String sig = Base64.getEncoder().encodeToString(key.sign(message(action, subject, ts)));
        return "key=" + key.id().hex() + "; ts=" + ts + "; sig=" + sig;
    }

    /** Why the header does not authorize uploading {@code digest}, or null when it does. */
    public static String problem(String header, Digest digest, TrustStore operators, Instant now, Duration window) {
        return problem(header, PUT_SPORE, digest.toString(), operators, now, window);
    }

    /** Why the header does not authorize {@code action} on {@code subject}, or null when it does. */
    public static String problem(String header, String action, String subject, TrustStore operators, Instant now, Duration window) {
        Map<String, String> parts = new HashMap<>();
        for (String part : header.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                parts.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
            }
        }
        String key = parts.get("key");
        String ts = parts.get("ts");
        String sig = parts.get("sig");
        if (key == null || ts == null || sig == null) {
            return HEADER + " must be 'key=<hex>; ts=<millis>; sig=<base64>'";
        }
        KeyId id;
        long millis;
        byte[] signature;
        try {
            id = new KeyId(key);
            millis = Long.parseLong(ts);
            signature = Base64.getDecoder().decode(sig);
        } catch (IllegalArgumentException e) {
            return HEADER + " is malformed (" + e.getMessage() + ")";
        }
        if (!operators.trusts(id)) {
            return "operator key " + id.shortForm() + " is not trusted by this agent";
        }
        long skew = Math.abs(now.toEpochMilli() - millis);
        if (skew > window.toMillis()) {
            return "operator signature is " + (skew / 1000) + " s away from the agent's clock (at most " + window.toSeconds() + " s)";
        }
        if (!operators.verify(id, message(action, subject, millis), signature)) {
            return "operator signature by " + id.shortForm() + " does not verify for " + action + " " + subject;
        }
        return null;
    }
}
