package io.mycelium.cli.rollout;

import io.mycelium.cli.CliContext;
import io.mycelium.cli.api.AppCall;

/** What every {@code mesh rollout} verb takes: the app, the agent to ask ({@code --api}) and the output form ({@code -o}). */
public final class RolloutApp extends AppCall {
    RolloutClient open(CliContext ctx) {
        return new RolloutClient(client(ctx));
    }
}
