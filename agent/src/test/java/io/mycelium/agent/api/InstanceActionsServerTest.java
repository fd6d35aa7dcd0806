package io.mycelium.agent.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mycelium.agent.instance.InstanceStatus;
import io.mycelium.client.api.ApiDocuments;
import io.mycelium.client.http.AgentClient;
import io.mycelium.client.http.ClientException;
import io.mycelium.fabric.model.InstanceState;
import io.mycelium.spore.key.SigningKey;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /v1/instances/{id}/stop|restart} through the client, signed by an operator key, over real sockets. */
class InstanceActionsServerTest {
    @TempDir
    Path dir;
    FakeAgent fake;
    ApiServer api;
    AgentClient client;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeAgent(dir);
        fake.local.add(new InstanceStatus("web-0", "web", InstanceState.READY, "", 4242, 30000, 0, Instant.EPOCH));
        api = new ApiServer(fake, ApiConfig.open().withToken("0123456789abcdef0123456789abcdef", false));
        client = new AgentClient(api.base.toString(), null);
    }

    @AfterEach
    void stop() {
        client.close();
        api.close();
    }

    @Test
    void aSignedStopAndRestartReachTheAgentWithTheSignersKeyId() {
        ApiDocuments.InstanceActionDone stopped = client.instanceAction("web-0", "stop", "", FakeAgent.OPERATOR, fake.now);
        assertThat(stopped.node()).isEqualTo(fake.nodeId());
        assertThat(stopped.action()).isEqualTo("stop");
        ApiDocuments.InstanceActionDone restarted = client.instanceAction("web-0", "restart", "", FakeAgent.OPERATOR, fake.now);
        assertThat(restarted.state()).isEqualTo("ready");
        String key = FakeAgent.OPERATOR.id().hex().substring(0, 12);
        assertThat(fake.instanceActions).containsExactly("stop web-0 by operator key " + key, "restart web-0 by operator key " + key);
    }

    @Test
    void aKeyTheAgentDoesNotTrustIsRefusedAndNothingHappens() {
        SigningKey stranger = SigningKey.generate();
        assertThatThrownBy(() -> client.instanceAction("web-0", "stop", "", stranger, fake.now))
                .isInstanceOf(ClientException.class).hasMessageContaining("is not trusted by this agent");
        assertThat(fake.instanceActions).isEmpty();
    }

    @Test
    void aSignatureForOneInstanceDoesNotStopAnother() throws Exception {
        String forOther = io.mycelium.client.api.OperatorSignature.sign(FakeAgent.OPERATOR,
                io.mycelium.client.api.OperatorSignature.STOP_INSTANCE, "web-9", fake.now);
        var r = api.send(api.request("/v1/instances/web-0/stop").header(io.mycelium.client.api.OperatorSignature.HEADER, forOther)
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("does not verify for stop-instance web-0");
        assertThat(fake.instanceActions).isEmpty();
    }

    @Test
    void anInstanceNoAgentRunsIsNotFound() {
        assertThatThrownBy(() -> client.instanceAction("nope-0", "restart", "", FakeAgent.OPERATOR, fake.now))
                .isInstanceOf(ClientException.class).hasMessageContaining("no instance 'nope-0'");
    }
}
