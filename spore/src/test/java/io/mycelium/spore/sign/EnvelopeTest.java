package io.mycelium.spore.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.mycelium.spore.key.SigningKey;
import io.mycelium.spore.key.TrustStore;

class EnvelopeTest {
    @Test
    void paeMatchesTheDsseSpecification() {
        byte[] pae = Envelope.pae("http://example.com/HelloWorld", "hello world".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(pae, StandardCharsets.UTF_8)).isEqualTo("DSSEv1 29 http://example.com/HelloWorld 11 hello world");
    }

    @Test
    void signedEnvelopeRoundTripsThroughJsonAndVerifiesOnlyUnderTheSignersKey() {
        SigningKey key = SigningKey.generate();
        Envelope env = Envelope.sign("application/x-test", "payload".getBytes(StandardCharsets.UTF_8), key);
        Envelope back = Envelope.parse(env.toJson(), "env.json");
        assertThat(back).isEqualTo(env);
        assertThat(back.claimedSigners()).containsExactly(key.id());
        assertThat(back.verifiedSigner(TrustStore.of(key.verifyingKey()))).contains(key.id());
        assertThat(back.verifiedSigner(TrustStore.of(SigningKey.generate().verifyingKey()))).isEmpty();
        String json = new String(env.toJson(), StandardCharsets.UTF_8);
        assertThat(json).contains("\"payloadType\"").contains("\"signatures\"").contains("\"keyid\" : \"" + key.id().hex() + "\"");
    }

    @Test
    void signatureDoesNotCarryOverToAnotherPayloadType() {
        SigningKey key = SigningKey.generate();
        Envelope env = Envelope.sign("application/a", "same".getBytes(StandardCharsets.UTF_8), key);
        Envelope retyped = new Envelope("application/b", env.payload(), env.signatures());
        assertThat(retyped.verifiedSigner(TrustStore.of(key.verifyingKey()))).isEmpty();
    }

    @Test
    void malformedEnvelopesAreRefusedWithTheSourceNamed() {
        assertThatThrownBy(() -> Envelope.parse("{\"payloadType\":\"t\",\"payload\":\"AA==\",\"signatures\":[]}".getBytes(StandardCharsets.UTF_8), "e.json"))
                .isInstanceOf(EnvelopeException.class).hasMessage("e.json: envelope has no signatures");
        assertThatThrownBy(() -> Envelope.parse("{\"payloadType\":\"t\",\"payload\":\"%%%\",\"signatures\":[{\"sig\":\"AA==\"}]}".getBytes(StandardCharsets.UTF_8), "e.json"))
                .isInstanceOf(EnvelopeException.class).hasMessageContaining("'payload' is not valid base64");
        assertThatThrownBy(() -> Envelope.parse("{\"payloadType\":\"t\",\"payloadType\":\"u\"}".getBytes(StandardCharsets.UTF_8), "e.json"))
                .isInstanceOf(EnvelopeException.class).hasMessageContaining("not valid JSON");
    }
}
