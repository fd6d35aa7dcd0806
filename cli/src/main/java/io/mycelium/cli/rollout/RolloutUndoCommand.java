package io.mycelium.cli.rollout;

import io.mycelium.client.api.ApiDocuments;
import io.mycelium.cli.CliContext;
import io.mycelium.cli.MeshException;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.model.RolloutCommand;
import io.mycelium.fabric.rollout.RolloutCommands;
import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.key.SigningKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mesh rollout undo [--to REV] APP --key K}. */
@Command(name = "undo",
        header = "Go back to the previous revision (or --to a kept one): instant while it still runs, else a new rollout to it.",
        description = {"", "Undo is for a promoted or completed rollout; a rollout still in its preview or steps is aborted instead "
                + "(mesh rollout abort). The plan is updated to the revision it goes back to."},
        footerHeading = "%nExamples:%n",
        footer = {"  mesh rollout undo billing --key keys/operator.key",
                "  mesh rollout undo billing --to sha256:... --key keys/operator.key"})
public final class RolloutUndoCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    RolloutApp rollout;

    @Option(names = "--to", paramLabel = "sha256:HEX", description = "The revision to go back to (one in mesh rollout history).")
    String to;

    @Mixin
    OperatorSigning signing;

    public RolloutUndoCommand(CliContext ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
    }

    @Override
    public Integer call() {
        String app = rollout.name();
        SigningKey signer = signing.signer();
        Optional<Digest> back;
        try {
            back = Optional.ofNullable(to).map(Digest::parse);
        } catch (IllegalArgumentException e) {
            throw MeshException.usage("--to " + to + ": not a digest (sha256:<64 hex>)");
        }
        long hlc = RolloutClient.hlc(() -> ctx.clock().millis());
        try (RolloutClient rc = rollout.open(ctx)) {
            ClusterView view = rc.view();
            Plan current = view.plan(app).orElseThrow(() -> MeshException.rejected(app + " has no plan: nothing to undo"));
            RolloutCommand[] built = new RolloutCommand[1];
            ApiDocuments.RolloutAccepted a = rc.command(app, signer, hlc, v -> built[0] = RolloutCommands.undo(v, app, back, signer.id(), hlc, signing.note));
            Digest target = built[0].target();
            rc.plan(view, current.withDigest(target), signer, hlc);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("accepted", a.accepted());
            result.put("app", app);
            result.put("target", target.toString());
            result.put("node", a.node());
            rollout.renderer().render(result, h -> h.line("undo of " + app + " back to " + target.shortForm() + " accepted by "
                    + a.node() + "; follow it with mesh rollout status " + app + " -w"));
        }
        return 0;
    }
}
