package io.mycelium.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mycelium.cli.CliRun;
import org.junit.jupiter.api.Test;

/**
 * {@code mesh intention allow|deny|default|remove|list} against one real agent on loopback (the
 * harness of {@link AgentEndToEndTest}): signed records through {@code POST /v1/intentions}, read
 * back from the agent's view; mistakes are one line with what to do, never a stack trace.
 */
class IntentionCommandsTest extends OneAgentCli {

    @Test
    void intentionsAreSignedListedChangedAndRemoved() {
        String key = harness.operatorKey.toString();
        assertThat(ok("intention", "list").out()).contains("no intentions: every call through hyphae is allowed");
        assertThat(ok("intention", "default", "deny", "--key", key).out()).contains("intention deny * -> * (revision 1) accepted by solo");
        assertThat(ok("intention", "allow", "frontend", "billing", "--key", key).out())
                .contains("intention allow frontend -> billing (revision 1) accepted by solo");
        assertThat(ok("intention", "deny", "frontend", "billing", "--key", key).out()).contains("revision 2");
        JsonNode list = ok("intention", "list", "-o", "json").json();
        assertThat(list.get("unmatched").asText()).isEqualTo("deny");
        assertThat(list.get("intentions").findValuesAsText("caller")).containsExactly("*", "frontend");
        assertThat(list.get("intentions").findValuesAsText("action")).containsExactly("deny", "deny");
        assertThat(ok("intention", "list").out()).contains("CALLER", "CALLEE", "ACTION", "frontend", "billing",
                "calls no intention matches: deny");
        JsonNode removed = ok("intention", "remove", "frontend", "billing", "--key", key, "-o", "json").json();
        assertThat(removed.get("revision").asLong()).isEqualTo(3);
        assertThat(ok("intention", "list", "-o", "json").json().get("intentions").findValuesAsText("callee")).containsExactly("*");
    }

    @Test
    void mistakesAreOneLineWithWhatToDo() {
        String key = harness.operatorKey.toString();
        CliRun badName = harness.mesh("intention", "allow", "Front End", "billing", "--key", key);
        assertThat(badName.code()).isEqualTo(2);
        assertThat(badName.err()).contains("intention caller 'Front End' must be an app name or * (any app)").doesNotContain("Exception");
        CliRun badDefault = harness.mesh("intention", "default", "maybe", "--key", key);
        assertThat(badDefault.code()).isEqualTo(2);
        assertThat(badDefault.err()).contains("must be allow or deny");
        CliRun missing = harness.mesh("intention", "remove", "frontend", "billing", "--key", key);
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("no intention frontend -> billing; mesh intention list shows them");
        assertThat(harness.mesh("intention", "allow", "frontend").code()).isEqualTo(2);
        for (String verb : new String[] {"allow", "deny", "default", "remove", "list"}) {
            CliRun help = harness.mesh("intention", verb, "--help");
            assertThat(help.code()).as(verb).isZero();
            assertThat(help.out()).contains("Usage: mesh intention " + verb);
        }
        assertThat(ok("intention", "--help").out()).contains("most specific one wins", "allow", "deny", "default", "remove", "list");
    }
}
