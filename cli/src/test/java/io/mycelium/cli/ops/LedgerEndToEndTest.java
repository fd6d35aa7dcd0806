package io.mycelium.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.mycelium.cli.CliRun;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The ledger with the CLI alone against one real agent on loopback (the harness of
 * {@link AgentEndToEndTest}): an expensive price and a small budget; the agent's meter charges the
 * greeter's real processes until the budget is spent and placement drops the app to its min, with
 * the reason in {@code mesh apps} and {@code mesh budget show}, while a paying app of higher
 * priority keeps its instances; a top-up brings the instances back.
 */
class LedgerEndToEndTest extends OneAgentCli {

    @Test
    void aBudgetThatRunsOutScalesTheAppToItsMinAndATopUpBringsItBack() {
        String key = harness.operatorKey.toString();
        String digest = harness.publishGreeter().json().get("digest").asText();
        ok("price", "set", "--cpu-second", "1000", "--mb-hour", "1000", "--key", key);
        assertThat(ok("budget", "set", "greeter", "--credits", "1", "--min", "1", "--max", "3", "--key", key).out())
                .contains("budget greeter revision 1 accepted by solo: balance 1.00, rate 0.00/h, instances 1..3, priority 0");
        // a paying app of higher priority beside it keeps its instances while the greeter drops to its min
        ok("budget", "set", "vip", "--credits", "1000000000", "--min", "1", "--max", "2", "--priority", "5", "--key", key);
        ok("plan", "apply", "--app", "vip", "--digest", digest, "--instances", "2", "--key", key);
        ok("plan", "apply", "--app", "greeter", "--digest", digest, "--instances", "3", "--key", key);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            JsonNode app = harness.mesh("apps", "greeter", "-o", "json").json();
            assertThat(app.get("unplaced")).as(app.toString()).hasSize(2);
            assertThat(app.get("unplaced").get(0).get("reason").asText()).startsWith("out of credits (balance -");
            assertThat(harness.mesh("instances", "--app", "greeter", "-o", "json").json().get("instances").findValuesAsText("state"))
                    .as("only the min keeps running").containsOnly("ready").hasSize(1);
            JsonNode vip = harness.mesh("apps", "vip", "-o", "json").json();
            assertThat(vip.get("ready").asInt()).as(vip.toString()).isEqualTo(2);
            assertThat(vip.get("unplaced")).isEmpty();
        });
        assertThat(harness.mesh("apps").out()).contains("greeter slot 1 unplaced: out of credits");
        JsonNode shown = ok("budget", "show", "greeter", "-o", "json").json().get("budgets").get(0);
        assertThat(shown.get("admitted").asInt()).isEqualTo(1);
        assertThat(shown.get("wanted").asInt()).isEqualTo(3);
        assertThat(shown.get("spent").asDouble()).isGreaterThan(1.0);
        assertThat(shown.path("spentByNode").path("solo").asDouble()).as(shown.toString()).isEqualTo(shown.get("spent").asDouble());
        assertThat(ok("budget", "show").out()).contains("greeter", "1/3", "greeter: out of credits");

        ok("budget", "topup", "greeter", "1000000000", "--key", key);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            JsonNode app = harness.mesh("apps", "greeter", "-o", "json").json();
            assertThat(app.get("unplaced")).as(app.toString()).isEmpty();
            assertThat(app.get("ready").asInt()).as(app.toString()).isEqualTo(3);
        });
        assertThat(ok("budget", "show", "greeter", "-o", "json").json().get("budgets").get(0).get("admitted").asInt()).isEqualTo(3);
        JsonNode back = ok("budget", "show", "greeter", "-o", "json").json().get("budgets").get(0);
        assertThat(back.get("costPerHourMax").asDouble()).as("3 instances at full use of their nutrients, at the price set")
                .isEqualTo(ok("ledger", "-o", "json").json().get("apps").get(0).get("costPerHourMax").asDouble()).isPositive();

        JsonNode ledger = ok("ledger", "-o", "json").json();
        assertThat(ledger.get("apps").findValuesAsText("app")).containsExactly("greeter", "vip");
        JsonNode node = ledger.get("nodes").get(0);
        assertThat(node.get("node").asText()).isEqualTo("solo");
        assertThat(node.get("cpuMilli").asLong()).isPositive();
        assertThat(node.get("cpuMilliUsed").asLong()).isLessThanOrEqualTo(node.get("cpuMilli").asLong());
        assertThat(ledger.get("price").get("cpuSecond").asDouble()).isEqualTo(1000.0);
        assertThat(ok("ledger").out()).contains("APP", "BALANCE", "EMPTY IN", "greeter", "NODE", "solo", "price (every node): 1000.0");

        CliRun refused = harness.mesh("budget", "set", "greeter", "--credits", "-5", "--key", key);
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("--credits -5.0 is negative; give 0 or more").doesNotContain("Exception");
        CliRun absurd = harness.mesh("budget", "set", "greeter", "--credits", "1e13", "--key", key);
        assertThat(absurd.code()).isEqualTo(2);
        assertThat(absurd.err()).contains("budget greeter: credits must be 0..1000000000000");
        CliRun zero = harness.mesh("price", "set", "--cpu-second", "0", "--key", key);
        assertThat(zero.code()).isEqualTo(2);
        assertThat(zero.err()).contains("price per cpu-second must be above 0");
    }

    @Test
    void aDryRunShowsTheCostAgainstTheBudgetAndWhyInstancesWouldNotRunAndAppliesNothing() {
        String key = harness.operatorKey.toString();
        String digest = harness.publishGreeter().json().get("digest").asText();
        ok("budget", "set", "greeter", "--credits", "100", "--min", "1", "--max", "3", "--key", key);

        CliRun fits = ok("plan", "apply", "--app", "greeter", "--digest", digest, "--instances", "2", "--dry-run");
        assertThat(fits.out()).contains("plan greeter (dry run, nothing signed or applied): 2 x ", "would run 2 of 2",
                "cost: up to ", "credits/h at full use of the nutrients (now 0.00/h", "budget: balance 100.00, rate 0.00/h, min 1, max 3");

        CliRun over = harness.mesh("plan", "apply", "--app", "greeter", "--digest", digest, "--instances", "5", "--dry-run", "-o", "json");
        assertThat(over.code()).as(over.toString()).isEqualTo(1);
        JsonNode preview = over.json();
        assertThat(preview.get("runs_as_asked").asBoolean()).isFalse();
        assertThat(preview.get("preview").get("placed").asInt()).isEqualTo(3);
        assertThat(preview.get("preview").get("refusals").get(0).asText()).isEqualTo("the budget's max is 3");
        assertThat(harness.mesh("plan", "apply", "--app", "greeter", "--digest", digest, "--instances", "5", "--dry-run").out())
                .contains("would run 3 of 5: REFUSED for 2", "not run: the budget's max is 3");

        assertThat(harness.mesh("apps", "-o", "json").out()).as("nothing was applied").doesNotContain("greeter");

        CliRun noKey = harness.mesh("plan", "apply", "--app", "greeter", "--digest", digest, "--instances", "2");
        assertThat(noKey.code()).isEqualTo(2);
        assertThat(noKey.err()).contains("give --key FILE", "or --dry-run to only preview it").doesNotContain("Exception");

        CliRun applied = ok("plan", "apply", "--app", "greeter", "--digest", digest, "--instances", "2", "--key", key);
        assertThat(applied.out()).contains("plan greeter revision 1 accepted by solo", "would run 2 of 2", "cost: up to ");
    }
}
