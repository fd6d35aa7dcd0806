package io.mycelium.client.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.key.SigningKey;
import io.mycelium.spore.key.TrustStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OperatorSignatureTest {
    private static final SigningKey OPERATOR = SigningKey.generate();
    private static final TrustStore TRUST = TrustStore.of(OPERATOR.verifyingKey());
    private static final Digest D = Digest.of("spore".getBytes(StandardCharsets.UTF_8));
    private static final Instant NOW = Instant.parse("2026-12-07T03:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(5);

    @Test
    void aSignatureByATrustedKeyForThisDigestAuthorizesTheUpload() {
        assertThat(OperatorSignature.problem(OperatorSignature.sign(OPERATOR, D, NOW), D, TRUST, NOW.plusSeconds(30), WINDOW)).isNull();
    }

    @Test
    void refusesOtherDigestsStrangersStaleTimesAndGarbage() {
        Digest other = Digest.of("other".getBytes(StandardCharsets.UTF_8));
        assertThat(OperatorSignature.problem(OperatorSignature.sign(OPERATOR, other, NOW), D, TRUST, NOW, WINDOW)).contains("does not verify");
        assertThat(OperatorSignature.problem(OperatorSignature.sign(SigningKey.generate(), D, NOW), D, TRUST, NOW, WINDOW)).contains("not trusted");
        assertThat(OperatorSignature.problem(OperatorSignature.sign(OPERATOR, D, NOW.minusSeconds(3600)), D, TRUST, NOW, WINDOW))
                .contains("3600 s away");
        assertThat(OperatorSignature.problem("garbage", D, TRUST, NOW, WINDOW)).contains("must be 'key=<hex>; ts=<millis>; sig=<base64>'");
    }
}
