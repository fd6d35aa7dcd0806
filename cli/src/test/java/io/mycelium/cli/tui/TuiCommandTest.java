package io.mycelium.cli.tui;

import static org.assertj.core.api.Assertions.assertThat;

import io.mycelium.cli.CliContext;
import io.mycelium.cli.CliRun;
import io.mycelium.agent.api.FakeAgent;
import io.mycelium.spore.key.TrustStore;
import io.mycelium.spore.time.Clock;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** mesh tui's options: every bad combination is a one-line usage error with exit 2, before any terminal is opened. */
class TuiCommandTest {
    @TempDir
    Path tmp;

    private CliRun mesh(String... args) {
        return CliRun.run(new CliContext(Map.of(), tmp, Clock.SYSTEM), args);
    }

    private static void usage(CliRun r, String says) {
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.errLines()).as(r.toString()).first().asString().contains(says);
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void badCombinationsAreOneLineUsageErrors() {
        usage(mesh("tui", "--agent", "http://127.0.0.1:1", "--join", "127.0.0.1:2"), "give one way to find the cluster");
        usage(mesh("tui", "--join", "127.0.0.1:2"), "--join and --mdns-interface need --cluster-key FILE");
        usage(mesh("tui", "--dir", tmp.resolve("nowhere").toString()), "no mesh up work dir at");
        usage(mesh("tui", "--bogus"), "--bogus");
    }

    @Test
    void anAgentWithoutAClusterKeySaysWhichClusterAndWhatToPass() throws Exception {
        try (FakeAgent agent = new FakeAgent(tmp.resolve("agent"), TrustStore.of(), TrustStore.of(), null)) {
            agent.member("node-a", agent.url());
            usage(mesh("tui", "--agent", agent.url()), "is in cluster 'test', whose keyring the API does not serve: pass --cluster-key FILE");
        }
    }

    @Test
    void tokenFileIsTheSharedOptionWithItsEnvDefaultAndNoApiFlag() throws Exception {
        usage(mesh("tui", "--agent", "http://127.0.0.1:1", "--token-file", tmp.resolve("none.token").toString()),
                "--token-file " + tmp.resolve("none.token") + ": no such file; give the file that holds the agent's API token");
        Path empty = java.nio.file.Files.writeString(tmp.resolve("empty.token"), "\n");
        usage(mesh("tui", "--agent", "http://127.0.0.1:1", "--token-file", empty.toString()), "is empty; it must hold the agent's API token");
        CliRun fromEnv = CliRun.run(new CliContext(Map.of("MESH_API_TOKEN_FILE", empty.toString()), tmp, Clock.SYSTEM),
                "tui", "--agent", "http://127.0.0.1:1");
        usage(fromEnv, "--token-file " + empty + " is empty");
        usage(mesh("tui", "--api", "http://127.0.0.1:1"), "--api");
        Path token = java.nio.file.Files.writeString(tmp.resolve("agent.token"), "0123456789abcdef0123\n");
        try (FakeAgent agent = new FakeAgent(tmp.resolve("agent"), TrustStore.of(), TrustStore.of(), "0123456789abcdef0123")) {
            usage(mesh("tui", "--agent", agent.url(), "--token-file", token.toString()), "is in cluster 'test'");
        }
    }
}
