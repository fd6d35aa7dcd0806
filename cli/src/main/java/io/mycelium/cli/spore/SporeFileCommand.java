package io.mycelium.cli.spore;

import java.nio.file.Path;

import picocli.CommandLine.Parameters;

/** A command whose first argument is a .spore file ({@code mesh spore verify SPORE}, {@code mesh repo put SPORE}). */
public abstract class SporeFileCommand extends RenderingCommand {
    @Parameters(index = "0", paramLabel = "SPORE", description = "The .spore file.")
    protected Path spore;
}
