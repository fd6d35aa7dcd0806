package io.mycelium.agent.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.mycelium.fabric.model.InstanceState;
import io.mycelium.agent.instance.InstanceStatus;
import io.mycelium.fabric.model.InstanceRecord;
import io.mycelium.fabric.model.Json;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.fabric.placement.PlacementResult;
import io.mycelium.fabric.placement.SlotId;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.fabric.state.OperatorRecords;
import io.mycelium.fabric.state.Version;
import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.key.SigningKey;
import io.mycelium.testing.TempTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The read resources and plan submission, in memory through Helidon's DirectClient. */
@RoutingTest
class PlansAndStatusRoutingTest {
    static final Digest V1 = Digest.of("billing v1".getBytes());
    static final Digest V2 = Digest.of("billing v2".getBytes());
    static Path dir;
    static FakeAgent fake;

    private final DirectClient client;

    PlansAndStatusRoutingTest(DirectClient client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder builder) {
        try {
            dir = Files.createTempDirectory("agentapi-routing");
            fake = new FakeAgent(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AgentApi.routing(builder, fake);
    }

    @AfterAll
    static void cleanUp() throws IOException {
        TempTrees.delete(dir);
    }

    record Reply(int status, JsonNode json, String text) {
    }

    private static Reply reply(HttpClientResponse r) {
        try (r) {
            String text = r.as(String.class);
            JsonNode json = null;
            try {
                json = Json.MAPPER.readTree(text);
            } catch (IOException e) {
                // not JSON; the test looks at text
            }
            return new Reply(r.status().code(), json, text);
        }
    }

    /** GET with the query (if any) passed as parameters, which the direct client needs. */
    private Reply get(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        var request = client.get(q < 0 ? pathAndQuery : pathAndQuery.substring(0, q)).followRedirects(false);
        if (q >= 0) {
            for (String pair : pathAndQuery.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                request.queryParam(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return reply(request.request());
    }

    private Reply post(String path, String body) {
        return reply(client.post(path).submit(body));
    }

    private static String signed(SigningKey key, Plan plan, long revision) {
        return Json.write(OperatorRecords.sign(key, plan, plan.app(), revision, System.currentTimeMillis() << 16));
    }

    private long revision(String app) {
        return fake.view().planRevision(app);
    }

    @Test
    void acceptsSignedPlanAndShowsItWithItsRevision() {
        long next = revision("shop") + 1;
        Reply r = post("/v1/plans", signed(FakeAgent.OPERATOR, Plan.of("shop", V1, 2), next));
        assertThat(r.status()).as(r.text()).isEqualTo(202);
        assertThat(r.json().get("accepted").asBoolean()).isTrue();
        assertThat(r.json().get("revision").asLong()).isEqualTo(next);

        Reply plan = get("/v1/plans/shop");
        assertThat(plan.status()).isEqualTo(200);
        assertThat(plan.json().get("revision").asLong()).isEqualTo(next);
        assertThat(plan.json().get("plan").get("digest").asText()).isEqualTo(V1.toString());
        assertThat(plan.json().get("signer").asText()).isEqualTo(FakeAgent.OPERATOR.id().hex());
        assertThat(get("/v1/plans").json().get("plans").findValuesAsText("app")).contains("shop");
    }

    @Test
    void refusesUnsignedPlanWith401() {
        FabricRecord unsigned = new FabricRecord(io.mycelium.fabric.state.RecordKey.operator(RecordKind.PLAN, "shop2"),
                new Version(1, 1, FakeAgent.OPERATOR.id().hex()), Json.write(Plan.of("shop2", V1, 1)), "");
        Reply r = post("/v1/plans", Json.write(unsigned));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("error").asText()).contains("unsigned");
        assertThat(r.json().get("hint").asText()).contains("--key");
        assertThat(get("/v1/plans/shop2").status()).isEqualTo(404);
    }

    @Test
    void refusesPlanSignedByUntrustedKeyWith403() {
        Reply r = post("/v1/plans", signed(SigningKey.generate(), Plan.of("forged", V1, 1), 1));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().get("error").asText()).contains("forged");
        assertThat(get("/v1/plans/forged").status()).isEqualTo(404);
    }

    @Test
    void refusesTamperedPlanWith403() {
        String good = signed(FakeAgent.OPERATOR, Plan.of("tamper", V1, 1), 1);
        String evil = good.replace("\\\"instances\\\":1", "\\\"instances\\\":50");
        assertThat(evil).isNotEqualTo(good);
        Reply r = post("/v1/plans", evil);
        assertThat(r.status()).as(r.text()).isEqualTo(403);
        assertThat(r.json().get("error").asText()).contains("does not verify");
    }

    @Test
    void refusesRollbackWith409AndKeepsTheNewerPlan() {
        assertThat(post("/v1/plans", signed(FakeAgent.OPERATOR, Plan.of("roll", V2, 1), 5)).status()).isEqualTo(202);
        Reply r = post("/v1/plans", signed(FakeAgent.OPERATOR, Plan.of("roll", V1, 1), 4));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().get("error").asText()).contains("revision 4 is lower than the held revision 5");
        assertThat(get("/v1/plans/roll").json().get("plan").get("digest").asText()).isEqualTo(V2.toString());
    }

    @Test
    void refusesMalformedBodiesWithOneLine() {
        Reply notJson = post("/v1/plans", "this is not json");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().get("error").asText()).startsWith("body is not a signed record").doesNotContain("\n");

        String budget = Json.write(OperatorRecords.sign(FakeAgent.OPERATOR, new io.mycelium.fabric.model.Budget("shop", 100, 0, 0, 1, 0, 0), "shop", 1, 1));
        Reply wrongKind = post("/v1/plans", budget);
        assertThat(wrongKind.status()).as(wrongKind.text()).isEqualTo(422);
        assertThat(wrongKind.json().get("error").asText()).contains("not a plan");

        String mismatched = Json.write(OperatorRecords.sign(FakeAgent.OPERATOR, Plan.of("other", V1, 1), "mismatch", 1, 1));
        Reply mismatch = post("/v1/plans", mismatched);
        assertThat(mismatch.status()).isEqualTo(422);
        assertThat(mismatch.json().get("error").asText()).contains("holds a plan for 'other'");
    }

    @Test
    void appsShowDesiredReadyOtherDigestStatesAndUnplaced() {
        assertThat(post("/v1/plans", signed(FakeAgent.OPERATOR, Plan.of("billing", V2, 3), revision("billing") + 1)).status()).isEqualTo(202);
        fake.member("node-b", true);
        fake.instance("node-a", new InstanceRecord("billing-0-a", "billing", 0, V2, io.mycelium.fabric.model.InstanceState.READY, 0, ""));
        fake.instance("node-b", new InstanceRecord("billing-1-b", "billing", 1, V1, io.mycelium.fabric.model.InstanceState.READY, 2, ""));
        fake.instance("node-b", new InstanceRecord("billing-1-b2", "billing", 1, V2, io.mycelium.fabric.model.InstanceState.LAUNCHING, 0, ""));
        fake.unplaced.add(new PlacementResult.Unplaced(new SlotId("billing", 2), "needs cpu_milli=4000 memory_mb=64; the most any matching agent has left is cpu_milli=1000 memory_mb=512"));

        Reply r = get("/v1/apps/billing");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("desired").asInt()).isEqualTo(3);
        assertThat(r.json().get("ready").asInt()).isEqualTo(1);
        assertThat(r.json().get("on_other_digest").asInt()).isEqualTo(1);
        assertThat(r.json().get("states").get("ready").asInt()).isEqualTo(2);
        assertThat(r.json().get("states").get("launching").asInt()).isEqualTo(1);
        assertThat(r.json().get("unplaced").get(0).get("slot").asInt()).isEqualTo(2);
        assertThat(r.json().get("unplaced").get(0).get("reason").asText()).contains("cpu_milli=4000");
        assertThat(get("/v1/apps").json().get("apps").findValuesAsText("app")).contains("billing");
        assertThat(get("/v1/apps/nope").status()).isEqualTo(404);
    }

    @Test
    void instancesListAllPerAppPerNodeWithLocalDetails() {
        fake.member("node-c", true);
        fake.instance("node-a", new InstanceRecord("web-0-a", "web", 0, V1, io.mycelium.fabric.model.InstanceState.LAUNCHING, 0, ""));
        fake.instance("node-c", new InstanceRecord("web-1-c", "web", 1, V1, io.mycelium.fabric.model.InstanceState.FAILED, 3, "exited with 1"));
        fake.local.add(new InstanceStatus("web-0-a", "web", InstanceState.CRASH_LOOP, "crashed 5 times in 60 s", 4242, 31000, 5,
                Instant.parse("2026-11-29T00:59:00Z")));

        JsonNode all = get("/v1/instances?app=web").json().get("instances");
        assertThat(all).hasSize(2);
        JsonNode local = all.get(0);
        assertThat(local.get("id").asText()).isEqualTo("web-0-a");
        assertThat(local.get("state").asText()).isEqualTo("crash_loop");
        assertThat(local.get("pid").asLong()).isEqualTo(4242);
        assertThat(local.get("port").asInt()).isEqualTo(31000);
        assertThat(local.get("restarts").asInt()).isEqualTo(5);
        JsonNode remote = all.get(1);
        assertThat(remote.get("node").asText()).isEqualTo("node-c");
        assertThat(remote.get("state").asText()).isEqualTo("failed");
        assertThat(remote.get("message").asText()).isEqualTo("exited with 1");
        assertThat(remote.get("pid").isNull()).isTrue();
        assertThat(remote.get("port").isNull()).as("no endpoint yet").isTrue();
        fake.nodeRecord("node-c", new io.mycelium.fabric.model.EndpointRecord("web", "web-1-c", V1, "127.0.0.1", 31001,
                io.mycelium.fabric.model.EndpointState.READY));
        JsonNode withEndpoint = get("/v1/instances?app=web").json().get("instances").get(1);
        assertThat(withEndpoint.get("port").asInt()).as("a remote instance's port, from its endpoint").isEqualTo(31001);
        assertThat(withEndpoint.get("pid").isNull()).isTrue();

        assertThat(get("/v1/instances?node=node-c&app=web").json().get("instances")).hasSize(1);
        assertThat(get("/v1/nodes/node-c/instances").json().get("instances").findValuesAsText("id")).contains("web-1-c");
        assertThat(get("/v1/apps/web/instances").json().get("instances")).hasSize(2);
        assertThat(get("/v1/instances/web-1-c").json().get("restarts").asInt()).isEqualTo(3);
        assertThat(get("/v1/instances/missing").status()).isEqualTo(404);
        assertThat(get("/v1/nodes/nowhere/instances").status()).isEqualTo(404);

        fake.member("node-c", false);
        assertThat(get("/v1/instances?app=web").json().get("instances")).hasSize(1);
    }

    @Test
    void logsOfAnInstanceOnAnotherAgentRedirectThere() {
        fake.member("node-d", true);
        fake.instance("node-d", new InstanceRecord("api-0-d", "api", 0, V1, io.mycelium.fabric.model.InstanceState.READY, 0, ""));
        HttpClientResponse r = client.get("/v1/instances/api-0-d/logs").queryParam("tail", "5").followRedirects(false).request();
        try (r) {
            assertThat(r.status().code()).isEqualTo(307);
            assertThat(r.headers().first(io.helidon.http.HeaderNames.LOCATION).orElseThrow())
                    .isEqualTo("http://127.0.0.1:1/node-d/v1/instances/api-0-d/logs?tail=5");
        }
        assertThat(get("/v1/instances/nothing/logs").status()).isEqualTo(404);
    }

    @Test
    void nodesAndStateAreTheFabricStatusDocuments() {
        Reply nodes = get("/v1/nodes");
        assertThat(nodes.json().get("cluster").asText()).isEqualTo("test");
        assertThat(nodes.json().get("members").findValuesAsText("id")).contains("node-a");
        Reply state = get("/v1/state");
        assertThat(state.json().get("records").findValuesAsText("kind")).contains("node");
        assertThat(state.json().get("metrics").get("messages_sent").asLong()).isEqualTo(12);
        assertThat(get("/v1").json().get("resources").findValuesAsText("resources")).isEmpty();
        assertThat(get("/v1").json().get("resources").toString()).contains("/v1/spores");
    }

    @Test
    void unknownPathsAndBadParametersAreJsonErrors() {
        Reply r = get("/v1/nothing");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("error").asText()).isEqualTo("no such resource: GET /v1/nothing");
        assertThat(r.json().get("hint").asText()).contains("GET /v1");
        Reply badDigest = get("/v1/spores/sha256:xyz");
        assertThat(badDigest.status()).as(badDigest.text()).isEqualTo(400);
        assertThat(badDigest.json().get("error").asText()).contains("is not a spore digest");
        fake.logs.put("x-0", new AgentServices.LogFiles(dir.resolve("x.out"), dir.resolve("x.err")));
        Reply badTail = get("/v1/instances/x-0/logs?tail=many");
        assertThat(badTail.status()).isEqualTo(400);
        assertThat(badTail.json().get("error").asText()).contains("tail=many");
        Reply badStream = get("/v1/instances/x-0/logs?stream=stdin");
        assertThat(badStream.status()).isEqualTo(400);
    }

    @Test
    void healthLiveAndReadyFollowTheAgent() {
        assertThat(get("/health/live").status()).isEqualTo(200);
        fake.readiness = AgentServices.Readiness.down("recovering instances");
        Reply down = get("/health/ready");
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.json().get("reason").asText()).isEqualTo("recovering instances");
        fake.readiness = AgentServices.Readiness.up();
        assertThat(get("/health/ready").status()).isEqualTo(200);
    }
}
