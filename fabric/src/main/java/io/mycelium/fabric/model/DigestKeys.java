package io.mycelium.fabric.model;

import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.KeyDeserializer;
import io.mycelium.spore.digest.Digest;

/**
 * Reads map keys written as {@code sha256:<hex>} (Jackson writes a {@link Digest} key with its
 * {@code toString}, which is that form). Used with {@code @JsonDeserialize(keyUsing = ...)}.
 */
final class DigestKeys extends KeyDeserializer {
    @Override
    public Object deserializeKey(String key, DeserializationContext ctxt) throws java.io.IOException {
        try {
            return Digest.parse(key);
        } catch (IllegalArgumentException e) {
            return ctxt.handleWeirdKey(Digest.class, key, e.getMessage());
        }
    }
}
