package io.mycelium.fabric.state;

import io.mycelium.fabric.model.Json;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.spore.key.KeyId;
import io.mycelium.spore.key.SigningKey;
import io.mycelium.spore.key.TrustStore;
import java.util.Base64;

/** Signing and checking operator records (plans, budgets, rollout commands). */
public final class OperatorRecords {
    private OperatorRecords() {
    }

    /**
     * Signs a payload as the operator record of its kind for its app at a revision. {@code hlc}
     * orders records of the same revision (use {@link Hlc#now()}).
     */
    public static FabricRecord sign(SigningKey key, Object payload, String app, long revision, long hlc) {
        RecordKind kind = RecordKind.of(payload);
        if (!kind.operator()) {
            throw new IllegalArgumentException(kind.wireName() + " is a node-owned record, not an operator record");
        }
        return signRaw(key, RecordKey.operator(kind, app), revision, hlc, Json.write(payload));
    }

    /** Signs a tombstone that deletes an operator record at a revision. */
    public static FabricRecord signDelete(SigningKey key, RecordKind kind, String app, long revision, long hlc) {
        return signRaw(key, RecordKey.operator(kind, app), revision, hlc, null);
    }

    static FabricRecord signRaw(SigningKey key, RecordKey rk, long revision, long hlc, String payload) {
        Version v = new Version(revision, hlc, key.id().hex());
        FabricRecord unsigned = new FabricRecord(rk, v, payload, "");
        String sig = Base64.getEncoder().encodeToString(key.sign(unsigned.signedBytes()));
        return new FabricRecord(rk, v, payload, sig);
    }

    /** Why an operator record is not acceptable, or null when its signature is good. */
    public static String problem(FabricRecord r, TrustStore trust) {
        if (r.signature().isEmpty()) {
            return "unsigned";
        }
        KeyId id;
        try {
            id = new KeyId(r.version().tiebreak());
        } catch (IllegalArgumentException e) {
            return "forged: signer '" + r.version().tiebreak() + "' is not a key id";
        }
        if (!trust.trusts(id)) {
            return "forged: signed by untrusted key " + id.shortForm();
        }
        byte[] sig;
        try {
            sig = Base64.getDecoder().decode(r.signature());
        } catch (IllegalArgumentException e) {
            return "forged: signature is not base64";
        }
        if (!trust.verify(id, r.signedBytes(), sig)) {
            return "forged: signature does not verify with key " + id.shortForm();
        }
        return null;
    }
}
