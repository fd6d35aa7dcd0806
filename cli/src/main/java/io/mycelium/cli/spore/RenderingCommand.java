package io.mycelium.cli.spore;

import java.util.concurrent.Callable;

import io.mycelium.cli.OutputOptions;
import io.mycelium.cli.Renderer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The shape the spore and repo commands share: picocli's spec, {@code -o table|json}, and the
 * {@link Renderer} made of both. Subclasses add their own arguments ({@link SporeFileCommand} the
 * SPORE file, {@code RepoDirCommand} the --repo directory).
 */
public abstract class RenderingCommand implements Callable<Integer> {
    @Spec
    protected CommandSpec spec;

    @Mixin
    protected OutputOptions output;

    /** How this command prints its result, per {@code -o}. */
    protected Renderer renderer() {
        return Renderer.of(spec, output);
    }
}
