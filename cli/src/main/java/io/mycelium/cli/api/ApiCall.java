package io.mycelium.cli.api;

import io.mycelium.cli.CliContext;
import io.mycelium.cli.OutputOptions;
import io.mycelium.cli.Renderer;
import io.mycelium.client.http.AgentClient;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What a command that asks one agent takes: the agent ({@code --api}, {@code --token-file}) and
 * the output form ({@code -o}). Added as a {@code @Mixin}; {@link AppCall} adds the APP argument.
 */
public class ApiCall {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Mixin
    ApiOptions api;

    /** The command this is mixed into. */
    public CommandSpec spec() {
        return spec;
    }

    public Renderer renderer() {
        return Renderer.of(spec, output);
    }

    /** A client for the agent named by {@code --api}; close it. */
    public AgentClient client(CliContext ctx) {
        return api.client(ctx);
    }
}
