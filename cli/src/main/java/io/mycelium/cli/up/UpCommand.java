package io.mycelium.cli.up;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Callable;

import io.mycelium.cli.CliContext;
import io.mycelium.cli.OutputOptions;
import io.mycelium.cli.Renderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mesh up [--dir DIR]}. */
@Command(name = "up",
        header = "Set up the local demo: a publisher key, the example spores packed, published and verified.",
        description = {
                "",
                "In the work directory DIR: makes a publisher key on the first run (reused afterwards) and "
                        + "trusts it, packs the example workloads (billing 1.0.0 and 2.0.0, frontend, and the "
                        + "greeter script) into signed spores, publishes them into DIR/repo and verifies each "
                        + "published copy against DIR/trust. Safe to run again: what is still valid is kept, "
                        + "only what changed is redone. Later versions start the agents and the edge here too.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
                "  ./mesh up                       # work dir ./.mesh",
                "  ./mesh up --dir /tmp/demo -o json",
                "  ./mesh repo ls --repo .mesh/repo",
        })
public final class UpCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".mesh", description = "Work directory (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--examples", paramLabel = "DIR",
            description = "Where the example manifests and payloads are (default: the examples/ directory of this checkout).")
    Path examples;

    public UpCommand(CliContext ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
    }

    /** What {@code -o json} prints. */
    record Result(Up.Result setup, double seconds) {
    }

    @Override
    public Integer call() throws IOException {
        Renderer r = Renderer.of(spec, output);
        Instant start = ctx.clock().instant();
        Path ex = examples != null ? examples : ctx.home().resolve("examples");
        r.progress("mesh up: work dir " + dir.toAbsolutePath().normalize());
        Up.Result setup = new Up(new WorkDir(dir), ex, ExampleSpore.ALL, line -> r.progress("  " + line)).run();
        double seconds = Duration.between(start, ctx.clock().instant()).toMillis() / 1000.0;
        r.render(new Result(setup, seconds), h -> {
            h.line(String.format("ready: %d spores published in %s and verified (%.1f s). Try:", setup.spores().size(), setup.repo(), seconds));
            Up.SporeResult first = setup.spores().get(0);
            h.line("  ./mesh repo ls --repo " + setup.repo());
            h.line("  ./mesh spore inspect " + first.spore());
            h.line("  ./mesh spore verify " + first.spore() + " --trust " + setup.trust());
            h.line("  ./mesh spore extract " + first.spore() + " --trust " + setup.trust() + " --to /tmp/" + first.name()
                    + " && PORT=8081 java -jar /tmp/" + first.name() + "/" + first.name() + ".jar");
        });
        return 0;
    }
}
