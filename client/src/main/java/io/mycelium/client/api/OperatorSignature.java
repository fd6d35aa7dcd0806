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
 * The operator signature that authorizes a spore upload without a token: header
 * {@value #HEADER}{@code : key=<key id hex>; ts=<epoch millis>; sig=<base64 Ed25519>} over
 * {@code "mycelium-put-spore-v1\n<digest>\n<ts>"}. It binds the digest, so it cannot authorize
 * other bytes; the time bounds how long a captured header stays usable (and re-sending the same
 * spore is harmless anyway).
 */
public final class OperatorSignature {
    public static final String HEADER = "Mesh-Operator-Signature";

    private OperatorSignature() {
    }

    private static byte[] message(Digest digest, long ts) {
        return ("mycelium-put-spore-v1\n" + digest + "\n" + ts).getBytes(StandardCharsets.UTF_8);
    }

    /** The header value that authorizes uploading {@code digest} at {@code now}. */
    public static String sign(SigningKey key, Digest digest, Instant now) {
        long ts = now.toEpochMilli();
        String sig = Base64.getEncoder().encodeToString(key.sign(message(digest, ts)));
        return "key=" + key.id().hex() + "; ts=" + ts + "; sig=" + sig;
    }

    /** Why the header does not authorize uploading {@code digest}, or null when it does. */
    public static String problem(String header, Digest digest, TrustStore operators, Instant now, Duration window) {
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
        if (!operators.verify(id, message(digest, millis), signature)) {
            return "operator signature by " + id.shortForm() + " does not verify for " + digest;
        }
        return null;
    }
}
