package io.mycelium.agent.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.mycelium.edge.observe.ErrorClass;
import io.mycelium.fabric.model.EndpointRecord;
import io.mycelium.fabric.model.Intention;
import io.mycelium.fabric.model.Intention.Action;
import io.mycelium.fabric.model.Json;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.fabric.state.OperatorRecords;
import io.mycelium.fabric.state.RecordKey;
import io.mycelium.spore.pack.PackedSpore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Intentions with real workloads: two agents, the example greeter as app {@code greeter} and as
 * app {@code caller}; caller's {@code /call/greeter/hello} calls greeter through its own
 * {@code MYCELIUM_HYPHAE}. Signed intention records posted to an agent's API change what the
 * routers let through while the processes run: allowed without intentions, 403 with the reason
 * and counted under a default deny, through again with an allow, refused by a more specific deny, back to the default when it is removed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IntentionsLiveTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private TestMesh mesh;
    private List<Agent> agents;
    private Agent callerNode;
    private String callUrl;

    @BeforeAll
    void startGreeterAndCaller() throws Exception {
        mesh = new TestMesh();
        agents = mesh.startWithRouters(2, "greeter", "caller");
        EndpointRecord caller = agents.get(0).fabric().view().readyEndpoints("caller").getFirst();
        callUrl = "http://" + caller.host() + ":" + caller.port() + "/call/greeter/hello";
        callerNode = agents.stream().filter(a -> a.supervisor().instances().stream().anyMatch(i -> i.instanceId().equals(caller.instanceId())))
                .findFirst().orElseThrow();
    }

    @AfterAll
    void stop() throws Exception {
        if (mesh != null) {
            mesh.close();
        }
    }

    @Test
    void allowAndDenyChangeLiveWhileTheProcessesRun() throws Exception {
        // the caller's env names it (app, instance, MAC) in the router's URL
        var instance = callerNode.supervisor().instances().stream().filter(i -> i.instanceId().startsWith("caller-")).findFirst().orElseThrow();
        String environ = new String(Files.readAllBytes(Path.of("/proc/" + instance.pid() + "/environ")), StandardCharsets.UTF_8);
        assertThat(List.of(environ.split("\0"))).contains("MYCELIUM_HYPHAE=" + callerNode.hyphae().urlFor("caller", instance.instanceId()));

        assertThat(callStatus()).as("no intentions: allowed").isEqualTo(200);

        post(sign(new Intention("*", "*", Action.DENY), 1), 202);
        await().atMost(Duration.ofSeconds(15)).until(() -> callStatus() == 403);
        JsonNode denied = call();
        assertThat(denied.path("answer").path("error").asText())
                .isEqualTo("caller -> greeter denied by the cluster default (deny); mesh intention allow caller greeter lets it through");
        assertThat(callerNode.hyphae().callerMetrics().app("greeter").errors(ErrorClass.DENIED)).isPositive();
        // a call without the caller's prefix, or with a forged one, has no known caller
        assertThat(body(callerNode.hyphae().url() + "/greeter/hello")).contains("the calling app is not known");
        assertThat(body(callerNode.hyphae().url() + "/~greeter." + instance.instanceId() + ".00000000000000000000000000000000/greeter/hello"))
                .contains("the calling app is not known");

        post(sign(new Intention("caller", "greeter", Action.ALLOW), 1), 202);
        await().atMost(Duration.ofSeconds(15)).until(() -> callStatus() == 200);
        assertThat(call().path("answer").path("app").asText()).isEqualTo("greeter");

        post(sign(new Intention("caller", "greeter", Action.DENY), 2), 202);
        await().atMost(Duration.ofSeconds(15)).until(() -> callStatus() == 403);
        assertThat(call().path("answer").path("error").asText()).contains("denied by intention deny caller greeter");

        post(OperatorRecords.signDelete(mesh.operator, RecordKind.INTENTION, "caller>greeter", 3, hlc()), 202);
        await().atMost(Duration.ofSeconds(15)).until(() -> call().path("answer").path("error").asText().contains("cluster default"));

        post(OperatorRecords.signDelete(mesh.operator, RecordKind.INTENTION, "*>*", 2, hlc()), 202);
        await().atMost(Duration.ofSeconds(15)).until(() -> callStatus() == 200);
    }

    @Test
    void anUnsignedOrRolledBackIntentionIsRefusedByTheApi() throws Exception {
        FabricRecord signed = sign(new Intention("batch", "greeter", Action.DENY), 5);
        post(new FabricRecord(signed.key(), signed.version(), signed.payload(), ""), 401);
        post(signed, 202);
        post(sign(new Intention("batch", "greeter", Action.ALLOW), 4), 409);
        post(OperatorRecords.signDelete(mesh.operator, RecordKind.INTENTION, "batch>greeter", 6, hlc()), 202);
    }

    private long hlc() {
        return agents.get(0).fabric().hlcNow();
    }

    private FabricRecord sign(Intention i, long revision) {
        return OperatorRecords.sign(mesh.operator, i, i.name(), revision, hlc());
    }

    private void post(FabricRecord r, int expected) throws Exception {
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(agents.get(0).apiUrl() + "/v1/intentions"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(r))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as(res.body()).isEqualTo(expected);
    }

    private JsonNode call() throws Exception {
        return Json.MAPPER.readTree(body(callUrl));
    }

    /** What caller's call to greeter got, as caller reports it. */
    private int callStatus() throws Exception {
        return call().path("status").asInt(-1);
    }

    private String body(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
