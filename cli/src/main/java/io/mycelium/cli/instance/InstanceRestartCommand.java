package io.mycelium.cli.instance;

import io.mycelium.cli.CliContext;
import picocli.CommandLine.Command;

/** {@code mesh instance restart ID --key K}. */
@Command(name = "restart",
        header = "Restart an instance in place: same id, node and port; counted as a restart, not a failure.",
        description = {"", "Its endpoint is withdrawn, its process group gets TERM (KILL after the grace period) and it is "
                + "launched again at once; a crash-looping instance is launched without waiting for its backoff."},
        footerHeading = "%nExamples:%n",
        footer = {"  mesh instance restart billing-0-3f2a --key keys/operator.key"})
public final class InstanceRestartCommand extends InstanceActionCommand {
    public InstanceRestartCommand(CliContext ctx) {
        super(ctx, "restart");
    }
}
