package io.mycelium.agent.api;

import io.mycelium.client.api.OperatorSignature;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mycelium.fabric.model.Json;
import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.key.SigningKey;
import io.mycelium.spore.pack.PackedSpore;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spore upload and download, and who may do what, over real sockets. */
class SporesAndAccessServerTest {
    static final String TOKEN = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path dir;
    FakeAgent fake;
    ApiServer api;
    PackedSpore spore;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeAgent(dir);
        api = new ApiServer(fake, ApiConfig.open().withToken(TOKEN, false));
        spore = Spores.pack(dir, "billing", "1.0.0", FakeAgent.PUBLISHER, 64 * 1024);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private HttpResponse<String> put(Digest digest, Path file, String header, String value) throws Exception {
        HttpRequest.Builder b = api.request("/v1/spores/" + digest).PUT(HttpRequest.BodyPublishers.ofFile(file));
        if (header != null) {
            b.header(header, value);
        }
        return api.send(b.build());
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.MAPPER.readTree(r.body());
    }

    @Test
    void uploadWithTokenIsVerifiedStoredAndServedBack() throws Exception {
        HttpResponse<String> r = put(spore.digest(), spore.path(), "Authorization", "Bearer " + TOKEN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(json(r).get("name").asText()).isEqualTo("billing");
        assertThat(json(r).get("signer").asText()).isEqualTo(FakeAgent.PUBLISHER.id().hex());
        assertThat(fake.spores().contains(spore.digest())).isTrue();
        try (var staged = Files.list(fake.stagingDir())) {
            assertThat(staged).as("staging is cleaned up").isEmpty();
        }

        HttpResponse<byte[]> back = api.http.send(api.request("/v1/spores/" + spore.digest()).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(back.statusCode()).isEqualTo(200);
        assertThat(back.headers().firstValue("content-type")).hasValue(SporesService.SPORE_MEDIA_TYPE);
        assertThat(Digest.of(back.body())).isEqualTo(spore.digest());

        HttpResponse<String> head = api.send(api.request("/v1/spores/" + spore.digest()).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValueAsLong("content-length").orElse(-1)).isEqualTo(Files.size(spore.path()));

        HttpResponse<String> manifest = api.get("/v1/spores/" + spore.digest() + "/manifest");
        assertThat(manifest.statusCode()).isEqualTo(200);
        assertThat(json(manifest).get("nutrients").get("cpu_milli").asLong()).isEqualTo(250);
        assertThat(json(manifest).get("identity").get("version").asText()).isEqualTo("1.0.0");

        assertThat(json(api.get("/v1/spores")).get("spores").findValuesAsText("digest")).containsExactly(spore.digest().toString());

        HttpResponse<String> again = put(spore.digest(), spore.path(), "Authorization", "Bearer " + TOKEN);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).get("created").asBoolean()).isFalse();
    }

    @Test
    void uploadWithOperatorSignatureNeedsNoToken() throws Exception {
        String sig = OperatorSignature.sign(FakeAgent.OPERATOR, spore.digest(), fake.now);
        HttpResponse<String> r = put(spore.digest(), spore.path(), OperatorSignature.HEADER, sig);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(fake.spores().contains(spore.digest())).isTrue();
    }

    @Test
    void uploadWithoutCredentialsOrWithWrongOnesIsRefused() throws Exception {
        HttpResponse<String> none = put(spore.digest(), spore.path(), null, null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(json(none).get("hint").asText()).contains("--key operator.key");

        HttpResponse<String> wrongToken = put(spore.digest(), spore.path(), "Authorization", "Bearer not-the-token-at-all");
        assertThat(wrongToken.statusCode()).isEqualTo(403);

        String stranger = OperatorSignature.sign(SigningKey.generate(), spore.digest(), fake.now);
        HttpResponse<String> untrusted = put(spore.digest(), spore.path(), OperatorSignature.HEADER, stranger);
        assertThat(untrusted.statusCode()).isEqualTo(403);
        assertThat(json(untrusted).get("error").asText()).contains("is not trusted");

        String stale = OperatorSignature.sign(FakeAgent.OPERATOR, spore.digest(), fake.now.minusSeconds(3600));
        HttpResponse<String> old = put(spore.digest(), spore.path(), OperatorSignature.HEADER, stale);
        assertThat(old.statusCode()).isEqualTo(403);
        assertThat(json(old).get("error").asText()).contains("away from the agent's clock");

        Digest other = Digest.of(new byte[] {1});
        String forOther = OperatorSignature.sign(FakeAgent.OPERATOR, other, fake.now);
        HttpResponse<String> wrongDigest = put(spore.digest(), spore.path(), OperatorSignature.HEADER, forOther);
        assertThat(wrongDigest.statusCode()).isEqualTo(403);
        assertThat(json(wrongDigest).get("error").asText()).contains("does not verify");

        assertThat(fake.spores().contains(spore.digest())).isFalse();
    }

    @Test
    void uploadWhoseBytesDoNotMatchTheDigestIsNotKept() throws Exception {
        PackedSpore other = Spores.pack(dir, "billing", "2.0.0", FakeAgent.PUBLISHER, 1024);
        HttpResponse<String> r = put(spore.digest(), other.path(), "Authorization", "Bearer " + TOKEN);
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(json(r).get("error").asText()).contains("hash to " + other.digest()).contains("not " + spore.digest());
        assertThat(fake.spores().list()).isEmpty();
    }

    @Test
    void uploadSignedByUnknownPublisherIsNotKept() throws Exception {
        PackedSpore foreign = Spores.pack(dir, "evil", "1.0.0", SigningKey.generate(), 1024);
        HttpResponse<String> r = put(foreign.digest(), foreign.path(), "Authorization", "Bearer " + TOKEN);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(json(r).get("error").asText()).contains("UNTRUSTED_SIGNER");
        assertThat(json(r).get("hint").asText()).contains("trust store");
        assertThat(fake.spores().list()).isEmpty();
    }

    @Test
    void uploadThatIsNotASporeIsRefusedWithItsReason() throws Exception {
        Path junk = Files.write(dir.resolve("junk.bin"), "definitely not a zip archive".getBytes());
        HttpResponse<String> r = put(Digest.ofFile(junk), junk, "Authorization", "Bearer " + TOKEN);
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(json(r).get("error").asText()).contains("refused");
        assertThat(fake.spores().list()).isEmpty();
    }

    @Test
    void uploadOverTheLimitIs413() throws Exception {
        api.close();
        api = new ApiServer(fake, ApiConfig.open().withToken(TOKEN, false).withMaxUploadBytes(8 * 1024));
        HttpResponse<String> r = put(spore.digest(), spore.path(), "Authorization", "Bearer " + TOKEN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(413);
        assertThat(fake.spores().list()).isEmpty();
    }

    @Test
    void missingSporeIs404WithHint() throws Exception {
        HttpResponse<String> r = api.get("/v1/spores/" + spore.digest());
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(json(r).get("hint").asText()).contains("mesh publish");
        assertThat(api.get("/v1/spores/" + spore.digest() + "/manifest").statusCode()).isEqualTo(404);
    }

    @Test
    void readsAreOpenByDefaultAndNeedTheTokenWhenConfigured() throws Exception {
        assertThat(api.get("/v1/nodes").statusCode()).isEqualTo(200);
        api.close();
        api = new ApiServer(fake, ApiConfig.open().withToken(TOKEN, true));
        HttpResponse<String> r = api.get("/v1/nodes");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(json(r).get("hint").asText()).contains("--token-file");
        assertThat(api.get("/metrics").statusCode()).isEqualTo(401);
        assertThat(api.send(api.request("/v1/nodes").header("Authorization", "Bearer wrong-token-wrong-token").GET().build()).statusCode())
                .isEqualTo(403);
        assertThat(api.send(api.request("/v1/nodes").header("Authorization", "Bearer " + TOKEN).GET().build()).statusCode()).isEqualTo(200);
        assertThat(api.get("/health/live").statusCode()).as("health stays open").isEqualTo(200);
        assertThat(api.get("/health/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void signatureHeaderIsParsedStrictly() {
        Instant now = fake.now;
        assertThat(OperatorSignature.problem("garbage", spore.digest(), fake.operators(), now, java.time.Duration.ofMinutes(5)))
                .contains("must be");
        assertThat(OperatorSignature.problem("key=zz; ts=1; sig=AA==", spore.digest(), fake.operators(), now, java.time.Duration.ofMinutes(5)))
                .contains("malformed");
        String good = OperatorSignature.sign(FakeAgent.OPERATOR, spore.digest(), now);
        assertThat(OperatorSignature.problem(good, spore.digest(), fake.operators(), now, java.time.Duration.ofMinutes(5))).isNull();
    }
}
