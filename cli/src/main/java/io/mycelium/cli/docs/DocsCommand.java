package io.mycelium.cli.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Callable;

import io.mycelium.cli.CliContext;
import io.mycelium.cli.Commands;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mesh docs [--out FILE]}: the Markdown CLI reference (hidden: for maintainers). */
@Command(name = "docs", hidden = true,
        header = "Write the CLI reference (Markdown) generated from every command's --help.",
        footerHeading = "%nExamples:%n",
        footer = {"  ./mesh docs --out docs/CLI.md       # regenerate the reference after changing a command"})
public final class DocsCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "FILE", description = "Write here instead of stdout.")
    Path out;

    public DocsCommand(CliContext ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
    }

    @Override
    public Integer call() throws IOException {
        String md = CliReference.markdown(Commands.build(ctx));
        if (out == null) {
            spec.commandLine().getOut().print(md);
        } else {
            if (out.toAbsolutePath().getParent() != null) {
                Files.createDirectories(out.toAbsolutePath().getParent());
            }
            Files.writeString(out, md, StandardCharsets.UTF_8);
            spec.commandLine().getOut().println("wrote " + out);
        }
        return 0;
    }
}
