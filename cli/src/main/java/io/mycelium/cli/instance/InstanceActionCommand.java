package io.mycelium.cli.instance;

import io.mycelium.cli.CliContext;
import io.mycelium.cli.MeshException;
import io.mycelium.cli.OutputOptions;
import io.mycelium.cli.Renderer;
import io.mycelium.cli.api.ApiOptions;
import io.mycelium.client.api.ApiDocuments;
import io.mycelium.client.http.AgentClient;
import io.mycelium.spore.key.SigningKey;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Stops or restarts one instance: finds it through the agent of {@code --api} (which node runs
 * it, and that node's API), then asks that node, signed with the operator key.
 */
abstract class InstanceActionCommand implements Callable<Integer> {
    private final CliContext ctx;
    private final String action;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Mixin
    ApiOptions api;

    @Parameters(index = "0", paramLabel = "ID", description = "The instance (see mesh instances).")
    String id;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "The operator's private key (PEM) that signs the request.")
    Path key;

    InstanceActionCommand(CliContext ctx, String action) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.action = action;
    }

    @Override
    public Integer call() {
        SigningKey signer = SigningKey.read(key);
        try (AgentClient client = api.client(ctx)) {
            ApiDocuments.InstanceRow row = client.instances(null, null).instances().stream().filter(i -> i.id().equals(id)).findFirst()
                    .orElseThrow(() -> MeshException.notFound("no instance " + id + " on any live agent of " + client.base()
                            + ": see mesh instances"));
            ApiDocuments.InstanceActionDone done = client.instanceAction(id, action, row.nodeApi(), signer, ctx.clock().instant());
            Renderer.of(spec, output).render(done, h -> h.line((action.equals("stop") ? "stopping " : "restarting ") + id + " on "
                    + done.node() + " (signed by " + signer.id().shortForm() + "): " + done.message()));
        }
        return 0;
    }
}
