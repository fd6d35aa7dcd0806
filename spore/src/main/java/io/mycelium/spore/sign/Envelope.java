package io.mycelium.spore.sign;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.mycelium.spore.key.KeyId;
import io.mycelium.spore.key.SigningKey;
import io.mycelium.spore.key.TrustStore;
import io.mycelium.spore.manifest.ManifestCodec;

/**
 * A DSSE envelope (Dead Simple Signing Envelope, v1): a payload type, the exact payload bytes and
 * Ed25519 signatures over the pre-authentication encoding
 * {@code "DSSEv1" SP len(type) SP type SP len(payload) SP payload}. Because the PAE includes the
 * type, a signature over one kind of document can never be replayed as another. JSON form:
 * {@code {"payloadType":..., "payload":<base64>, "signatures":[{"keyid":..., "sig":<base64>}]}}.
 *
 * @param payloadType the media type of the payload
 * @param payload     the exact signed bytes
 * @param signatures  one or more signatures
 */
public record Envelope(String payloadType, byte[] payload, List<Signature> signatures) {
    /** Envelope JSON larger than this is rejected before parsing (a manifest at its cap fits). */
    public static final int MAX_BYTES = 1024 * 1024;
    private static final int MAX_SIGNATURES = 16;

    public Envelope {
        Objects.requireNonNull(payloadType, "payloadType");
        Objects.requireNonNull(payload, "payload");
        payload = payload.clone();
        signatures = List.copyOf(signatures);
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** Signs {@code payload} as {@code payloadType} with {@code key}. */
    public static Envelope sign(String payloadType, byte[] payload, SigningKey key) {
        byte[] sig = key.sign(pae(payloadType, payload));
        return new Envelope(payloadType, payload, List.of(new Signature(key.id().hex(), sig)));
    }

    /** The DSSE v1 pre-authentication encoding. */
    public static byte[] pae(String payloadType, byte[] payload) {
        byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + type.length + 32);
        out.writeBytes(("DSSEv1 " + type.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(type);
        out.writeBytes((" " + payload.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** The first signature that verifies under a key of {@code trust}, naming its signer. */
    public Optional<KeyId> verifiedSigner(TrustStore trust) {
        byte[] pae = pae(payloadType, payload);
        for (Signature s : signatures) {
            Optional<KeyId> id = keyId(s.keyid());
            if (id.isPresent() && trust.verify(id.get(), pae, s.sig())) {
                return id;
            }
        }
        return Optional.empty();
    }

    /** The key ids the signatures claim, without checking anything. */
    public List<KeyId> claimedSigners() {
        List<KeyId> ids = new ArrayList<>();
        for (Signature s : signatures) {
            keyId(s.keyid()).ifPresent(ids::add);
        }
        return List.copyOf(ids);
    }

    /** The JSON form. */
    public byte[] toJson() {
        ObjectNode root = ManifestCodec.mapper().createObjectNode();
        root.put("payloadType", payloadType);
        root.put("payload", Base64.getEncoder().encodeToString(payload));
        ArrayNode sigs = root.putArray("signatures");
        for (Signature s : signatures) {
            sigs.addObject().put("keyid", s.keyid()).put("sig", Base64.getEncoder().encodeToString(s.sig()));
        }
        try {
            return ManifestCodec.mapper().writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("writing an envelope failed", e);
        }
    }

    /** Parses the JSON form strictly; {@code source} names it in errors. */
    public static Envelope parse(byte[] json, String source) {
        if (json.length > MAX_BYTES) {
            throw new EnvelopeException(source + ": envelope is " + json.length + " bytes, more than the " + MAX_BYTES + " allowed");
        }
        JsonNode root;
        try {
            root = ManifestCodec.mapper().readTree(json);
        } catch (IOException e) {
            throw new EnvelopeException(source + ": envelope is not valid JSON", e);
        }
        if (root == null || !root.isObject()) {
            throw new EnvelopeException(source + ": envelope is not a JSON object");
        }
        String type = text(root, "payloadType", source);
        byte[] payload = base64(text(root, "payload", source), "payload", source);
        JsonNode sigs = root.get("signatures");
        if (sigs == null || !sigs.isArray() || sigs.isEmpty()) {
            throw new EnvelopeException(source + ": envelope has no signatures");
        }
        if (sigs.size() > MAX_SIGNATURES) {
            throw new EnvelopeException(source + ": envelope has " + sigs.size() + " signatures, more than " + MAX_SIGNATURES);
        }
        List<Signature> list = new ArrayList<>();
        for (JsonNode s : sigs) {
            if (!s.isObject()) {
                throw new EnvelopeException(source + ": envelope signature is not an object");
            }
            JsonNode keyid = s.get("keyid");
            list.add(new Signature(keyid != null && keyid.isTextual() ? keyid.asText() : "", base64(text(s, "sig", source), "sig", source)));
        }
        return new Envelope(type, payload, list);
    }

    private static String text(JsonNode node, String field, String source) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new EnvelopeException(source + ": envelope field '" + field + "' is missing or not a string");
        }
        return v.asText();
    }

    private static byte[] base64(String text, String field, String source) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new EnvelopeException(source + ": envelope field '" + field + "' is not valid base64", e);
        }
    }

    private static Optional<KeyId> keyId(String hex) {
        try {
            return Optional.of(new KeyId(hex));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Envelope other && payloadType.equals(other.payloadType) && java.util.Arrays.equals(payload, other.payload)
                && signatures.equals(other.signatures);
    }

    @Override
    public int hashCode() {
        return Objects.hash(payloadType, java.util.Arrays.hashCode(payload), signatures);
    }
}
