package io.mycelium.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.mycelium.cli.CliRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Tests of CLI commands against one real agent on loopback: the harness of {@link AgentEndToEndTest}, per test. */
abstract class OneAgentCli {
    protected final AgentEndToEndTest harness = new AgentEndToEndTest();

    @BeforeEach
    void startAgent() throws Exception {
        harness.start();
    }

    @AfterEach
    void stopAgent() throws Exception {
        harness.stop();
    }

    /** Runs {@code mesh args} and asserts it exited 0. */
    protected CliRun ok(String... args) {
        CliRun r = harness.mesh(args);
        assertThat(r.code()).as(r.toString()).isZero();
        return r;
    }
}
