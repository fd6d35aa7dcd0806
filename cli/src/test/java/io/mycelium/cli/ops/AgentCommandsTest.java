package io.mycelium.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.mycelium.agent.api.AgentServices;
import io.mycelium.cli.CliContext;
import io.mycelium.cli.CliRun;
import io.mycelium.cli.Fixture;
import io.mycelium.agent.api.FakeAgent;
import io.mycelium.fabric.model.InstanceRecord;
import io.mycelium.fabric.model.InstanceState;
import io.mycelium.fabric.placement.PlacementResult;
import io.mycelium.fabric.placement.SlotId;
import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.key.SigningKey;
import io.mycelium.spore.key.TrustStore;
import io.mycelium.spore.key.VerifyingKey;
import io.mycelium.testing.Ports;
import io.mycelium.spore.time.Clock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** mesh publish, plan apply, apps, instances and logs against a real Helidon server with a fake agent behind it. */
class AgentCommandsTest {
    static final String TOKEN = "test-token-0123456789abcdef";

    @TempDir
    Path tmp;
    Fixture fx;
    Path operatorKey;
    Path strangerKey;
    Path tokenFile;
    FakeAgent agent;
    Path spore;

    @BeforeEach
    void start() throws IOException {
        fx = new Fixture(tmp);
        Files.writeString(fx.manifest, Files.readString(fx.manifest).replace("\"future_field\"",
                "\"nutrients\": { \"cpu_milli\": 250, \"memory_mb\": 96 },\n  \"future_field\""));
        SigningKey operator = SigningKey.generate();
        operator.writePair(tmp.resolve("keys"), "operator");
        operatorKey = tmp.resolve("keys/operator.key");
        strangerKey = fx.strangerKey;
        tokenFile = Files.writeString(tmp.resolve("agent.token"), TOKEN + "\n");
        TrustStore publishers = TrustStore.of(VerifyingKey.read(tmp.resolve("keys/publisher.pub")));
        agent = new FakeAgent(tmp.resolve("agent"), TrustStore.of(operator.verifyingKey()), publishers, TOKEN);
        spore = fx.packed();
    }

    @AfterEach
    void stop() {
        agent.close();
    }

    private CliRun mesh(String... args) {
        return CliRun.run(new CliContext(Map.of("MESH_API", agent.url()), tmp, Clock.SYSTEM), args);
    }

    @Test
    void publishSignedByOperatorKeyThenAgainIsANoOp() throws IOException {
        CliRun r = mesh("publish", spore.toString(), "--key", operatorKey.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("published hello 1.0.0 " + Digest.ofFile(spore)).contains(agent.url());
        assertThat(agent.spores().contains(Digest.ofFile(spore))).isTrue();

        CliRun again = mesh("publish", spore.toString(), "--api", agent.url(), "--key", operatorKey.toString(), "-o", "json");
        assertThat(again.code()).as(again.toString()).isZero();
        assertThat(again.json().get("created").asBoolean()).isFalse();
        assertThat(again.json().get("digest").asText()).isEqualTo(Digest.ofFile(spore).toString());
    }

    @Test
    void publishWithTokenFileWorksAndWithoutCredentialsSaysWhatToDo() {
        CliRun none = mesh("publish", spore.toString());
        assertThat(none.code()).isEqualTo(1);
        assertThat(none.errLines()).hasSize(1);
        assertThat(none.err()).contains("agent refused: uploading a spore needs an operator signature or the API token")
                .contains("--key operator.key");

        CliRun token = mesh("publish", spore.toString(), "--token-file", tokenFile.toString(), "-o", "json");
        assertThat(token.code()).as(token.toString()).isZero();
        assertThat(token.json().get("created").asBoolean()).isTrue();
    }

    @Test
    void publishOfATamperedSporeIsRefusedByTheAgent() throws IOException {
        Path bad = fx.tampered(spore);
        CliRun r = mesh("publish", bad.toString(), "--key", operatorKey.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains("agent refused: spore").contains("DIGEST_MISMATCH");
        assertThat(agent.spores().contains(Digest.ofFile(bad))).isFalse();
    }

    @Test
    void whenNoAgentListensTheErrorSaysHowToStartOne() throws IOException {
        String nowhere = "http://127.0.0.1:" + Ports.free();
        for (String[] args : new String[][] {
                {"apps", "--api", nowhere}, {"instances", "--api", nowhere}, {"logs", "billing", "--api", nowhere},
                {"publish", spore.toString(), "--api", nowhere}, {"plan", "apply", "--app", "x", "--spore", spore.toString(),
                        "--key", operatorKey.toString(), "--api", nowhere}}) {
            CliRun r = mesh(args);
            assertThat(r.code()).as(r.toString()).isEqualTo(1);
            assertThat(r.errLines()).as(r.toString()).hasSize(1);
            assertThat(r.err()).contains("cannot reach the agent at " + nowhere + " (connection refused); is `mesh agent` running?");
        }
        CliRun badUrl = mesh("apps", "--api", "not a url");
        assertThat(badUrl.code()).isEqualTo(2);
        assertThat(badUrl.err()).contains("not a URL");
    }

    @Test
    void planApplySignsTheNextRevisionWithNutrientsFromTheManifest() throws IOException {
        Digest d = Digest.ofFile(spore);
        CliRun first = mesh("plan", "apply", "--app", "hello", "--spore", spore.toString(), "--instances", "2",
                "--env", "MODE=fast", "--label", "zone=a", "--key", operatorKey.toString(), "-o", "json");
        assertThat(first.code()).as(first.toString()).isZero();
        JsonNode j = first.json();
        assertThat(j.get("revision").asLong()).isEqualTo(1);
        assertThat(j.get("plan").get("digest").asText()).isEqualTo(d.toString());
        assertThat(j.get("plan").get("cpu_milli").asLong()).isEqualTo(250);
        assertThat(j.get("plan").get("memory_mb").asLong()).isEqualTo(96);
        assertThat(j.get("plan").get("env").get("MODE").asText()).isEqualTo("fast");
        assertThat(j.get("plan").get("placement").get("zone").asText()).isEqualTo("a");
        assertThat(agent.view().planRevision("hello")).isEqualTo(1);

        // Scaling alone keeps the rest of the plan; the nutrients stay known without the spore.
        CliRun scale = mesh("plan", "apply", "--app", "hello", "--instances", "3", "--strategy", "blue_green",
                "--env", "MODE=", "--key", operatorKey.toString());
        assertThat(scale.code()).as(scale.toString()).isZero();
        assertThat(scale.out()).contains("plan hello revision 2 accepted by node-a: 3 x " + d.shortForm())
                .contains("cpu_milli=250, memory_mb=96, strategy blue_green");
        var plan = agent.view().plan("hello").orElseThrow();
        assertThat(plan.instances()).isEqualTo(3);
        assertThat(plan.env()).isEmpty();
        assertThat(plan.placement()).containsEntry("zone", "a");
        assertThat(agent.view().planRevision("hello")).isEqualTo(2);
    }

    @Test
    void planApplyReadsTheNutrientsFromTheAgentsCopyOfThePublishedSpore() throws IOException {
        assertThat(mesh("publish", spore.toString(), "--key", operatorKey.toString()).code()).isZero();
        CliRun r = mesh("plan", "apply", "--app", "hello", "--digest", Digest.ofFile(spore).toString(), "--key", operatorKey.toString(),
                "-o", "json");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.json().get("plan").get("cpu_milli").asLong()).isEqualTo(250);
        assertThat(r.json().get("plan").get("instances").asInt()).isEqualTo(1);
    }

    @Test
    void planApplyOfAnUnpublishedDigestSaysToPublishFirst() {
        Digest unknown = Digest.of("nothing".getBytes(StandardCharsets.UTF_8));
        CliRun r = mesh("plan", "apply", "--app", "hello", "--digest", unknown.toString(), "--key", operatorKey.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains("does not hold " + unknown).contains("mesh publish SPORE --api " + agent.url());
        assertThat(agent.view().plan("hello")).isEmpty();
    }

    @Test
    void planSignedByAKeyTheAgentDoesNotTrustIsRefused() {
        CliRun r = mesh("plan", "apply", "--app", "hello", "--spore", spore.toString(), "--key", strangerKey.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains("agent refused: plan for hello refused: forged: signed by untrusted key");
        assertThat(agent.view().plan("hello")).isEmpty();
    }

    @Test
    void planApplyFromAFileWithASporePath() throws IOException {
        Path file = tmp.resolve("hello.plan.json");
        Files.writeString(file, "{\"app\": \"hello\", \"spore\": \"" + tmp.relativize(spore) + "\", \"instances\": 2, "
                + "\"env\": {\"A\": \"1\"}}");
        CliRun r = mesh("plan", "apply", file.toString(), "--key", operatorKey.toString(), "-o", "json");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.json().get("plan").get("digest").asText()).isEqualTo(Digest.ofFile(spore).toString());
        assertThat(r.json().get("plan").get("cpu_milli").asLong()).isEqualTo(250);
        assertThat(agent.view().plan("hello").orElseThrow().env()).containsEntry("A", "1");

        Files.writeString(file, "[1, 2]");
        CliRun notAPlan = mesh("plan", "apply", file.toString(), "--key", operatorKey.toString());
        assertThat(notAPlan.code()).isEqualTo(1);
        assertThat(notAPlan.err()).contains("a plan file is a JSON object");
        CliRun noApp = mesh("plan", "apply", "--instances", "2", "--key", operatorKey.toString());
        assertThat(noApp.code()).isEqualTo(2);
        assertThat(noApp.err()).contains("give --app NAME");
    }

    @Test
    void instanceStopAndRestartAreSignedAndSentToTheAgentThatRunsIt() {
        Digest d = Digest.of("hello".getBytes(StandardCharsets.UTF_8));
        agent.member("node-a", agent.url());
        agent.instance("node-a", new InstanceRecord("hello-0-a", "hello", 0, d, InstanceState.READY, 0, ""));
        agent.local.add(new io.mycelium.agent.instance.InstanceStatus("hello-0-a", "hello", InstanceState.READY, "healthy", 77, 0, 0,
                java.time.Instant.EPOCH));

        CliRun restart = mesh("instance", "restart", "hello-0-a", "--key", operatorKey.toString());
        assertThat(restart.code()).as(restart.toString()).isZero();
        assertThat(restart.out()).startsWith("restarting hello-0-a on node-a (signed by ");
        CliRun stop = mesh("instance", "stop", "hello-0-a", "--key", operatorKey.toString(), "-o", "json");
        assertThat(stop.json().get("action").asText()).isEqualTo("stop");
        assertThat(agent.instanceActions).hasSize(2).allSatisfy(a -> assertThat(a).contains("hello-0-a by operator key "));

        CliRun stranger = mesh("instance", "stop", "hello-0-a", "--key", strangerKey.toString());
        assertThat(stranger.code()).isNotZero();
        assertThat(stranger.err()).contains("is not trusted by this agent").doesNotContain("Exception");
        CliRun unknown = mesh("instance", "restart", "nope-0", "--key", operatorKey.toString());
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("no instance nope-0", "mesh instances");
        assertThat(agent.instanceActions).hasSize(2);
    }

    @Test
    void appsAndInstancesShowTheClusterAsTableAndJson() {
        assertThat(mesh("plan", "apply", "--app", "hello", "--spore", spore.toString(), "--instances", "3", "--key",
                operatorKey.toString()).code()).isZero();
        Digest d = agent.view().plan("hello").orElseThrow().digest();
        agent.member("node-b", "http://127.0.0.1:1");
        agent.instance("node-a", new InstanceRecord("hello-0-a", "hello", 0, d, InstanceState.READY, 0, ""));
        agent.instance("node-b", new InstanceRecord("hello-1-b", "hello", 1, d, InstanceState.CRASH_LOOP, 4, "exited with 3"));
        agent.unplaced.add(new PlacementResult.Unplaced(new SlotId("hello", 2), "no live agent carries the labels {gpu=yes}"));

        CliRun apps = mesh("apps");
        assertThat(apps.code()).as(apps.toString()).isZero();
        assertThat(apps.out()).contains("APP", "READY", "hello", "1/3", "1 unplaced")
                .contains("hello slot 2 unplaced: no live agent carries the labels {gpu=yes}");
        JsonNode json = mesh("apps", "-o", "json").json();
        assertThat(json.get("apps").get(0).get("ready").asInt()).isEqualTo(1);
        assertThat(json.get("apps").get(0).get("desired").asInt()).isEqualTo(3);
        assertThat(mesh("apps", "hello", "-o", "json").json().get("revision").asLong()).isEqualTo(1);
        CliRun missing = mesh("apps", "nope");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("no app 'nope'");

        CliRun instances = mesh("instances", "--app", "hello");
        assertThat(instances.code()).isZero();
        assertThat(instances.out()).contains("hello-0-a", "node-a", "ready", "hello-1-b", "crash_loop", "exited with 3");
        JsonNode ij = mesh("instances", "--node", "node-b", "-o", "json").json();
        assertThat(ij.get("instances")).hasSize(1);
        assertThat(ij.get("instances").get(0).get("restarts").asInt()).isEqualTo(4);
        assertThat(mesh("instances", "--app", "none").out()).contains("no instances of none");
    }

    @Test
    void logsOfAnInstanceAndOfAnAppWithPrefixes() throws IOException {
        Digest d = Digest.ofFile(spore);
        Path a = logFiles("hello-0", "a1\na2\na3\n");
        Path b = logFiles("hello-1", "b1\nb2\n");
        agent.instance("node-a", new InstanceRecord("hello-0", "hello", 0, d, InstanceState.READY, 0, ""));
        agent.instance("node-a", new InstanceRecord("hello-1", "hello", 1, d, InstanceState.READY, 0, ""));
        assertThat(a).exists();
        assertThat(b).exists();

        CliRun one = mesh("logs", "hello-0", "--tail", "2");
        assertThat(one.code()).as(one.toString()).isZero();
        assertThat(one.out()).isEqualTo("a2\na3\n");
        CliRun app = mesh("logs", "hello", "--tail", "1");
        assertThat(app.code()).as(app.toString()).isZero();
        assertThat(app.out().lines().sorted().toList()).containsExactly("[hello-0] a3", "[hello-1] b2");
        CliRun err = mesh("logs", "hello-0", "--stream", "stderr");
        assertThat(err.out()).isEqualTo("err of hello-0\n");
        CliRun none = mesh("logs", "ghost");
        assertThat(none.code()).isEqualTo(1);
        assertThat(none.err()).contains("no app or instance named 'ghost'");
    }

    @Test
    void logsFollowPrintsNewLinesUntilTheInstanceGoes() throws Exception {
        Path out = logFiles("hello-0", "old\n");
        agent.instance("node-a", new InstanceRecord("hello-0", "hello", 0, Digest.ofFile(spore), InstanceState.READY, 0, ""));
        java.io.StringWriter sink = new java.io.StringWriter();
        AtomicReference<Integer> code = new AtomicReference<>();
        Thread t = Thread.ofVirtual().start(() -> code.set(io.mycelium.cli.Main.run(
                new CliContext(Map.of("MESH_API", agent.url()), tmp, Clock.SYSTEM),
                new java.io.PrintWriter(sink, true), new java.io.PrintWriter(new java.io.StringWriter(), true),
                "logs", "hello", "-f", "--tail", "1")));
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.toString().contains("old\n"));
        Files.writeString(out, "new one\nnew two\n", StandardOpenOption.APPEND);
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.toString().equals("old\nnew one\nnew two\n"));
        agent.logs.remove("hello-0");
        t.join(Duration.ofSeconds(10));
        assertThat(t.isAlive()).isFalse();
        assertThat(code.get()).isZero();
    }

    private Path logFiles(String id, String stdout) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("logs").resolve(id));
        Path out = Files.writeString(dir.resolve("stdout.log"), stdout);
        Path err = Files.writeString(dir.resolve("stderr.log"), "err of " + id + "\n");
        agent.logs.put(id, new AgentServices.LogFiles(out, err));
        return out;
    }
}
