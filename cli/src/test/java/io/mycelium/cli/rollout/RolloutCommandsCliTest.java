package io.mycelium.cli.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.mycelium.cli.CliContext;
import io.mycelium.cli.CliRun;
import io.mycelium.cli.Fixture;
import io.mycelium.agent.api.FakeAgent;
import io.mycelium.fabric.model.Json;
import io.mycelium.fabric.model.RolloutCommand;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.fabric.state.OperatorRecords;
import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.key.SigningKey;
import io.mycelium.spore.key.TrustStore;
import io.mycelium.spore.key.VerifyingKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rollout commands against a real agent API (fake daemon behind it): what is accepted, and every refusal's one line. */
class RolloutCommandsCliTest {
    static final String TOKEN = "test-token-0123456789abcdef";
    private static final Digest V2 = Digest.of("billing v2".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path tmp;
    FakeAgent agent;
    Path operatorKey;
    Path strangerKey;
    Path spore;
    SigningKey operator;

    @BeforeEach
    void start() throws Exception {
        Fixture fx = new Fixture(tmp);
        operator = SigningKey.generate();
        operator.writePair(tmp.resolve("keys"), "operator");
        operatorKey = tmp.resolve("keys/operator.key");
        strangerKey = fx.strangerKey;
        TrustStore publishers = TrustStore.of(VerifyingKey.read(tmp.resolve("keys/publisher.pub")));
        agent = new FakeAgent(tmp.resolve("agent"), TrustStore.of(operator.verifyingKey()), publishers, TOKEN);
        spore = fx.packed();
        assertThat(mesh("publish", spore.toString(), "--key", operatorKey.toString()).code()).isZero();
        assertThat(mesh("plan", "apply", "--app", "hello", "--spore", spore.toString(), "--instances", "2", "--key", operatorKey.toString()).code())
                .isZero();
    }

    @AfterEach
    void stop() {
        agent.close();
    }

    private CliRun mesh(String... args) {
        return CliRun.run(new CliContext(Map.of("MESH_API", agent.url(), "MESH_TOKEN", TOKEN), tmp, Clock.systemUTC()), args);
    }

    @Test
    void aStartedRolloutIsShownAndItsCommandsAreCheckedAgainstItsState() {
        agent.holds("node-a", List.of(V2));
        CliRun start = mesh("rollout", "start", "hello", "--digest", V2.toString(), "--key", operatorKey.toString(), "-o", "json");
        assertThat(start.code()).as(start.toString()).isZero();
        assertThat(start.json().get("strategy").asText()).isEqualTo("blue-green");
        assertThat(agent.view().plan("hello").orElseThrow().digest()).isEqualTo(V2);
        assertThat(agent.view().rolloutCommands().get("hello").action()).isEqualTo(RolloutCommand.Action.START);

        CliRun status = mesh("rollout", "status", "hello", "-o", "json");
        assertThat(status.code()).as(status.toString()).isZero();
        assertThat(status.json().get("phase").asText()).isEqualTo("progressing");
        assertThat(status.json().get("desired").asText()).isEqualTo(V2.toString());
        assertThat(status.json().get("instances").get(V2.toString()).asInt()).isEqualTo(2);
        CliRun human = mesh("rollout", "status", "hello");
        assertThat(human.out()).contains("hello: progressing (blue-green, step 1 of 2: preview)");

        assertThat(mesh("rollout", "pause", "hello", "--key", operatorKey.toString()).code()).isZero();
        CliRun again = mesh("rollout", "pause", "hello", "--key", operatorKey.toString());
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.errLines()).singleElement().asString().contains("already paused");
        CliRun undo = mesh("rollout", "undo", "hello", "--key", operatorKey.toString());
        assertThat(undo.code()).isEqualTo(1);
        assertThat(undo.err()).contains("not promoted yet: abort it instead");

        CliRun history = mesh("rollout", "history", "hello");
        assertThat(history.code()).as(history.toString()).isZero();
        assertThat(history.out()).contains(V2.shortForm()).contains("in-progress");
        assertThat(history.out().lines().filter(l -> l.contains("completed")).findFirst().orElseThrow())
                .as("v1, first deployed by a plan: its version read from the manifest the agent holds").contains("1.0.0");
    }

    @Test
    void badCommandsAreRefusedWithOneLineThatSaysWhy() throws Exception {
        CliRun promote = mesh("rollout", "promote", "hello", "--key", operatorKey.toString());
        assertThat(promote.code()).isEqualTo(1);
        assertThat(promote.errLines()).singleElement().asString().contains("hello has no rollout: nothing to promote");

        CliRun unknown = mesh("rollout", "start", "hello", "--digest", V2.toString(), "--key", operatorKey.toString());
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("no live agent holds " + V2).contains("mesh publish");

        agent.holds("node-a", List.of(V2));
        CliRun forged = mesh("rollout", "start", "hello", "--digest", V2.toString(), "--key", strangerKey.toString());
        assertThat(forged.code()).isEqualTo(1);
        assertThat(forged.err()).contains("rollout command for hello refused");

        CliRun contradictory = mesh("rollout", "start", "hello", "--digest", V2.toString(), "--strategy", "rolling",
                "--auto-promote-after", "30s", "--key", operatorKey.toString());
        assertThat(contradictory.code()).isEqualTo(2);
        assertThat(contradictory.err()).contains("contradictory strategy settings").contains("auto_promote_after_ms");
        CliRun badSteps = mesh("plan", "apply", "--app", "hello", "--strategy", "canary", "--steps", "50,10", "--key", operatorKey.toString());
        assertThat(badSteps.code()).isEqualTo(2);
        assertThat(badSteps.err()).contains("step weights must increase");
        assertThat(mesh("rollout", "start", "hello", "--digest", "nope", "--key", operatorKey.toString()).code()).isEqualTo(2);
        assertThat(agent.view().rolloutCommands()).isEmpty();

        // an older command replayed: the agent refuses a revision below the held one
        assertThat(mesh("rollout", "start", "hello", "--digest", V2.toString(), "--key", operatorKey.toString()).code()).isZero();
        assertThat(mesh("rollout", "abort", "hello", "--key", operatorKey.toString()).code()).isZero();
        RolloutCommand first = new RolloutCommand("hello", RolloutCommand.Action.START, V2, "replayed");
        FabricRecord old = OperatorRecords.sign(operator, first, "hello", 1, 1L << 16);
        HttpResponse<String> replay = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(agent.url() + "/v1/rollouts"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(old))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(replay.statusCode()).isEqualTo(409);
        assertThat(replay.body()).contains("lower than the held revision 2");
        assertThat(agent.view().rolloutCommands().get("hello").action()).isEqualTo(RolloutCommand.Action.ABORT);
    }

    @Test
    void everyVerbHasHelp() {
        for (String verb : List.of("start", "status", "promote", "pause", "resume", "abort", "undo", "history")) {
            CliRun help = mesh("rollout", verb, "--help");
            assertThat(help.code()).as(verb).isZero();
            assertThat(help.out()).as(verb).contains("Examples:").contains("mesh rollout " + verb);
        }
        assertThat(Files.exists(spore)).isTrue();
    }
}
