package io.mycelium.cli.rollout;

import io.mycelium.cli.CliContext;
import io.mycelium.cli.OutputOptions;
import io.mycelium.cli.Renderer;
import io.mycelium.cli.api.ApiOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** What every {@code mesh rollout} verb takes: the app, the agent to ask ({@code --api}) and the output form ({@code -o}). */
public final class RolloutApp {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Mixin
    ApiOptions api;

    @Parameters(index = "0", paramLabel = "APP", description = "The app.")
    String app;

    String name() {
        return app;
    }

    Renderer renderer() {
        return Renderer.of(spec, output);
    }

    RolloutClient open(CliContext ctx) {
        return new RolloutClient(api.client(ctx));
    }
}
