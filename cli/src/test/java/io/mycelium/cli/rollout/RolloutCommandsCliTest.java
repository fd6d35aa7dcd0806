package io.mycelium.cli.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import io.mycelium.spore.time.Clock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
        return CliRun.run(new CliContext(Map.of("MESH_API", agent.url(), "MESH_TOKEN", TOKEN), tmp, Clock.SYSTEM), args);
    }

    @Test
    void aDryRunShowsWhatTheRolloutCostsWhileBothRevisionsRunAndSubmitsNothing() {
        agent.capacity("node-a", new io.mycelium.fabric.model.Capacity(4_000, 4_000, 8_192, 8_192));
        agent.holds("node-a", List.of(V2));
        Digest before = agent.view().plan("hello").orElseThrow().digest();
        CliRun dry = mesh("rollout", "start", "hello", "--digest", V2.toString(), "--dry-run");
        assertThat(dry.code()).as(dry.toString()).isZero();
        assertThat(dry.out()).contains("dry run, nothing signed or submitted")
                .containsPattern("this rollout will cost ~[0-9.]+ credits/h while both revisions run \\(4 instances; now [0-9.]+/h, after [0-9.]+/h\\)")
                .contains("start it: the same command without --dry-run, with --key FILE");
        assertThat(agent.view().plan("hello").orElseThrow().digest()).as("the plan is unchanged").isEqualTo(before);
        assertThat(agent.view().rolloutCommands()).isEmpty();
        CliRun keyed = mesh("rollout", "start", "hello", "--digest", V2.toString(), "--dry-run", "--key", operatorKey.toString());
        assertThat(keyed.out()).as(keyed.toString()).contains("start it: the same command without --dry-run\n");
        assertThat(agent.view().rolloutCommands()).as("a key beside --dry-run signs nothing").isEmpty();

        CliRun json = mesh("rollout", "start", "hello", "--digest", V2.toString(), "--dry-run", "-o", "json");
        assertThat(json.code()).as(json.toString()).isZero();
        assertThat(json.json().get("preview").get("peakInstances").asInt()).isEqualTo(4);
        assertThat(json.json().get("preview").get("peakPerHour").asDouble())
                .isEqualTo(2 * json.json().get("preview").get("nowPerHour").asDouble(), org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void aDryRunWhoseNewInstancesFitNowhereSaysSoAndExitsOne() {
        agent.holds("node-a", List.of(V2)); // node-a published no capacity: nothing can be placed
        CliRun dry = mesh("rollout", "start", "hello", "--digest", V2.toString(), "--dry-run");
        assertThat(dry.code()).as(dry.toString()).isEqualTo(1);
        assertThat(dry.out()).contains("would not run: ").contains("make room first");
        assertThat(dry.err()).doesNotContain("Exception");
    }

    @Test
    void aStartPrintsItsCostBeforeItStartsAndNeedsAKeyWithoutDryRun() {
        agent.capacity("node-a", new io.mycelium.fabric.model.Capacity(4_000, 4_000, 8_192, 8_192));
        agent.holds("node-a", List.of(V2));
        CliRun noKey = mesh("rollout", "start", "hello", "--digest", V2.toString());
        assertThat(noKey.code()).as(noKey.toString()).isEqualTo(2);
        assertThat(noKey.err()).contains("give --key FILE").contains("--dry-run").doesNotContain("Exception");
        assertThat(agent.view().rolloutCommands()).isEmpty();

        CliRun start = mesh("rollout", "start", "hello", "--digest", V2.toString(), "--key", operatorKey.toString());
        assertThat(start.code()).as(start.toString()).isZero();
        List<String> lines = start.out().lines().toList();
        int cost = -1;
        int started = -1;
        for (int i = 0; i < lines.size(); i++) {
            cost = cost < 0 && lines.get(i).startsWith("this rollout will cost ~") ? i : cost;
            started = started < 0 && lines.get(i).startsWith("rollout of hello to ") ? i : started;
        }
        assertThat(cost).as(start.out()).isNotNegative().isLessThan(started);
        assertThat(agent.view().rolloutCommands().get("hello").action()).isEqualTo(RolloutCommand.Action.START);
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
    void everyRefusalTheAgentDecidesIsCountedOnItsMetricsByReason() throws Exception {
        assertThat(refusals()).isEmpty();
        assertThat(mesh("rollout", "start", "hello", "--digest", V2.toString(), "--key", operatorKey.toString()).code()).isEqualTo(1);
        agent.holds("node-a", List.of(V2));
        assertThat(mesh("rollout", "start", "hello", "--digest", V2.toString(), "--key", strangerKey.toString()).code()).isEqualTo(1);
        RolloutCommand start = new RolloutCommand("hello", RolloutCommand.Action.START, V2, "by hand");
        FabricRecord unsigned = new FabricRecord(OperatorRecords.sign(operator, start, "hello", 1, 1L << 16).key(),
                new io.mycelium.fabric.state.Version(1, 1L << 16, ""), Json.write(start), "");
        assertThat(post(Json.write(unsigned)).statusCode()).isEqualTo(401);
        assertThat(post("{\"not\": \"a record\"}").statusCode()).isEqualTo(400);

        // a promote of a rollout that was never started: the CLI refuses it itself, the agent refuses one signed by hand
        long ghost = 7L << 16;
        RolloutCommand promote = new RolloutCommand("hello", RolloutCommand.Action.PROMOTE, V2, "", null, ghost, false, 1, false, 0, 0, List.of());
        HttpResponse<String> noRollout = post(Json.write(OperatorRecords.sign(operator, promote, "hello", 1, ghost + 1)));
        assertThat(noRollout.statusCode()).isEqualTo(409);
        assertThat(noRollout.body()).contains("hello has no rollout: nothing to promote");

        assertThat(mesh("rollout", "start", "hello", "--digest", V2.toString(), "--key", operatorKey.toString()).code()).isZero();
        HttpResponse<String> stale = post(Json.write(OperatorRecords.sign(operator, promote, "hello", 2, ghost + 1)));
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.body()).contains("names rollout " + ghost + " but the rollout of hello is");
        assertThat(mesh("rollout", "pause", "hello", "--key", operatorKey.toString()).code()).isZero();
        HttpResponse<String> replayed = post(Json.write(OperatorRecords.sign(operator, start, "hello", 1, 2L << 16)));
        assertThat(replayed.statusCode()).isEqualTo(409);
        assertThat(replayed.body()).contains("lower than the held revision 2");

        assertThat(refusals()).containsExactlyInAnyOrderEntriesOf(Map.of("unknown_digest", 1L, "forged", 1L, "unsigned", 1L, "malformed", 1L,
                "no_rollout", 2L, "replayed", 1L));
        assertThat(agent.view().rolloutCommands().get("hello").action()).isEqualTo(RolloutCommand.Action.PAUSE);
    }

    private HttpResponse<String> post(String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(agent.url() + "/v1/rollouts"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The agent's counts of refused rollout commands, by reason, from its {@code /metrics}. */
    private Map<String, Long> refusals() throws Exception {
        String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(agent.url() + "/metrics"))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Long> out = new java.util.TreeMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("(?m)^mesh_signed_records_refused_total\\{kind=\"rollout\",reason=\"([a-z_]+)\"\\} (\\d+)").matcher(text);
        while (m.find()) {
            out.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return out;
    }

    @Test
    void verbsAndHistoryAnswerJsonAndUndoToChecksItsRevision() {
        agent.holds("node-a", List.of(V2));
        String key = operatorKey.toString();
        assertThat(mesh("rollout", "start", "hello", "--digest", V2.toString(), "--key", key).code()).isZero();
        for (String verb : List.of("pause", "resume", "promote")) {
            CliRun r = mesh("rollout", verb, "hello", "--key", key, "-o", "json");
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(r.json().get("accepted").asBoolean()).as(verb).isTrue();
            assertThat(r.json().get("app").asText()).isEqualTo("hello");
            assertThat(r.json().get("action").asText()).isEqualTo(verb);
            assertThat(r.json().get("node").asText()).as(verb).isNotBlank();
        }
        assertThat(agent.view().rolloutCommands().get("hello").action()).isEqualTo(RolloutCommand.Action.PROMOTE);

        CliRun history = mesh("rollout", "history", "hello", "-o", "json");
        assertThat(history.code()).as(history.toString()).isZero();
        assertThat(history.json().get("app").asText()).isEqualTo("hello");
        assertThat(history.json().get("history").findValuesAsText("digest")).contains(V2.toString());

        CliRun notADigest = mesh("rollout", "undo", "hello", "--to", "v1", "--key", key);
        assertThat(notADigest.code()).isEqualTo(2);
        assertThat(notADigest.errLines()).singleElement().asString().contains("--to v1: not a digest");
        Digest never = Digest.of("never deployed".getBytes(StandardCharsets.UTF_8));
        CliRun unknown = mesh("rollout", "undo", "hello", "--to", never.toString(), "--key", key);
        assertThat(unknown.code()).as(unknown.toString()).isEqualTo(1);
        assertThat(unknown.errLines()).hasSize(1);
        assertThat(agent.view().plan("hello").orElseThrow().digest()).as("nothing changed by the refused undo").isEqualTo(V2);
    }

    /** {@code mesh rollout status APP -w} in a thread of its own, its stdout readable while it runs. */
    private final class Watch {
        final java.io.StringWriter out = new java.io.StringWriter();
        final java.io.StringWriter err = new java.io.StringWriter();
        final java.util.concurrent.CompletableFuture<Integer> code = new java.util.concurrent.CompletableFuture<>();

        Watch(String... extra) {
            List<String> args = new java.util.ArrayList<>(List.of("rollout", "status", "hello", "-w"));
            args.addAll(List.of(extra));
            CliContext ctx = new CliContext(Map.of("MESH_API", agent.url(), "MESH_TOKEN", TOKEN), tmp, Clock.SYSTEM);
            Thread.ofPlatform().daemon().name("rollout-watch").start(() -> code.complete(
                    io.mycelium.cli.Main.run(ctx, new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true), args.toArray(String[]::new))));
        }

        /** The exit code, once the watch has ended by itself. */
        int ended() throws Exception {
            return code.get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    private void readyInstancesOf(Digest d, int n) {
        for (int i = 0; i < n; i++) {
            agent.instance("node-a", new io.mycelium.fabric.model.InstanceRecord("hello-" + i + "-" + d.shortForm(), "hello", i, d,
                    io.mycelium.fabric.model.InstanceState.READY, 0, ""));
        }
    }

    @Test
    void watchPrintsEachChangeAndEndsWithExitZeroWhenTheRolloutCompletes() throws Exception {
        agent.holds("node-a", List.of(V2));
        String key = operatorKey.toString();
        CliRun start = mesh("rollout", "start", "hello", "--digest", V2.toString(), "--scale-down-delay", "0s", "--key", key);
        assertThat(start.code()).as(start.toString()).isZero();
        Watch watch = new Watch();
        await("the watch prints the starting step").atMost(Duration.ofSeconds(15)).until(() -> watch.out.toString().contains("hello: progressing"));
        assertThat(watch.code).as("a rollout in progress is watched on").isNotDone();
        readyInstancesOf(V2, 2);
        await("the watch prints the preview").atMost(Duration.ofSeconds(15)).until(() -> watch.out.toString().contains("hello: waiting-for-promote"));
        assertThat(watch.code).isNotDone();
        assertThat(mesh("rollout", "promote", "hello", "--key", key).code()).isZero();
        assertThat(watch.ended()).as(watch.out + "\n" + watch.err).isZero();
        String out = watch.out.toString();
        assertThat(out).contains("hello: completed");
        assertThat(out.indexOf("hello: progressing")).isLessThan(out.indexOf("hello: waiting-for-promote"));
        assertThat(out.indexOf("hello: waiting-for-promote")).isLessThan(out.indexOf("hello: completed"));
        assertThat(out.lines().filter(l -> l.startsWith("hello: ")).count()).as("one block per change, not per poll: " + out).isEqualTo(3);
        assertThat(watch.err.toString()).isEmpty();
    }

    @Test
    void watchWithJsonPrintsOneDocumentPerLineAndExitsOneWhenTheRolloutAborts() throws Exception {
        agent.holds("node-a", List.of(V2));
        CliRun start = mesh("rollout", "start", "hello", "--digest", V2.toString(), "--progress-deadline", "2s", "--key", operatorKey.toString());
        assertThat(start.code()).as(start.toString()).isZero();
        Watch watch = new Watch("-o", "json");
        assertThat(watch.ended()).as(watch.out + "\n" + watch.err).isEqualTo(1);
        List<com.fasterxml.jackson.databind.JsonNode> docs = new java.util.ArrayList<>();
        for (String line : watch.out.toString().lines().toList()) {
            docs.add(new com.fasterxml.jackson.databind.ObjectMapper().readTree(line));
        }
        assertThat(docs).as("one status per change, the progress deadline's countdown is none: " + watch.out).hasSize(2);
        assertThat(docs.getFirst().get("phase").asText()).isEqualTo("progressing");
        assertThat(docs.getFirst().get("desired").asText()).isEqualTo(V2.toString());
        assertThat(docs.getLast().get("phase").asText()).isEqualTo("aborted");
        assertThat(docs.getLast().get("reason").asText()).contains("within progress_deadline 2s");
        assertThat(docs.getLast().get("history").get(0).get("outcome").asText()).isEqualToIgnoringCase("aborted");
        assertThat(watch.err.toString()).isEmpty();

        CliRun settled = mesh("rollout", "status", "hello", "-w");
        assertThat(settled.code()).as("an ended rollout is shown once; aborted: 1").isEqualTo(1);
        assertThat(settled.out().lines().filter(l -> l.startsWith("hello: ")).toList()).singleElement().asString().startsWith("hello: aborted");
        assertThat(mesh("rollout", "status", "hello").code()).as("without -w, showing it succeeded").isZero();
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
