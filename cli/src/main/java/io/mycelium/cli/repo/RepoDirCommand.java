package io.mycelium.cli.repo;

import java.io.IOException;
import java.nio.file.Path;

import io.mycelium.cli.spore.RenderingCommand;
import io.mycelium.spore.store.SporeRepo;
import picocli.CommandLine.Option;

/** A command that reads an existing repo named by {@code --repo DIR} ({@code mesh repo ls|get|rm|gc}). */
abstract class RepoDirCommand extends RenderingCommand {
    @Option(names = "--repo", required = true, paramLabel = "DIR", description = "The repo directory.")
    Path repoDir;

    /** The repo; a missing one is an error that says how to make one ({@link Repos#existing}). */
    SporeRepo existingRepo() throws IOException {
        return Repos.existing(repoDir);
    }
}
