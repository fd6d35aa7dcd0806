package io.mycelium.agent.api;

import io.mycelium.client.api.OperatorSignature;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.key.SigningKey;
import io.mycelium.spore.key.TrustStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Jazzer fuzz tests of what the API parses from the network: a plan submission body either is a
 * plan record or is refused with a 400/422 and one line, and an operator signature header never
 * throws and never authorizes anything a trusted key did not sign.
 * Seeds: {@code src/test/resources/io/mycelium/agent/api/ApiInputFuzzTestInputs/}.
 */
class ApiInputFuzzTest {
    private static final TrustStore OPERATORS = TrustStore.of(SigningKey.generate().verifyingKey());
    private static final Digest DIGEST = Digest.of(new byte[] {1, 2, 3});

    @FuzzTest(maxDuration = "30s")
    void planBodyIsAPlanRecordOrARefusal(byte[] data) {
        String body = new String(data, StandardCharsets.UTF_8);
        try {
            FabricRecord r = PlansService.parse(body);
            assertThat(r.key().kind()).isEqualTo(RecordKind.PLAN);
        } catch (ApiException e) {
            assertThat(e.status()).isIn(400, 422);
            assertThat(e.error()).doesNotContain("\n");
        }
    }

    @FuzzTest(maxDuration = "30s")
    void signatureHeaderNeverThrowsNorAuthorizesForgeries(byte[] data) {
        String header = new String(data, StandardCharsets.UTF_8);
        String problem = OperatorSignature.problem(header, DIGEST, OPERATORS, Instant.ofEpochMilli(1_800_000_000_000L), Duration.ofMinutes(5));
        assertThat(problem).isNotNull().doesNotContain("\n");
    }
}
