package io.mycelium.cli.spore;

import java.nio.file.Path;
import java.util.List;

import io.mycelium.cli.Renderer;
import io.mycelium.spore.extract.SporeExtractor;
import io.mycelium.spore.key.TrustStore;
import io.mycelium.spore.verify.SporeRejectedException;
import io.mycelium.spore.verify.VerifiedSpore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mesh spore extract SPORE --trust DIR --to DIR}. */
@Command(name = "extract",
        header = "Verify a spore and unpack its files into a new directory.",
        description = {
                "",
                "Verifies exactly as 'mesh spore verify' does while unpacking into a hidden temporary "
                        + "directory next to the target, and renames it to the target only when everything "
                        + "checked out: the target then holds exactly the signed files, or does not exist. "
                        + "The target must not exist (or be empty). Executable files get mode 755, the rest 644.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
                "  mesh spore extract out/billing-1.0.0.spore --trust trust --to run/billing",
                "  java -jar run/billing/billing.jar      # what the agent does for a JVM_JAR spore",
        })
public final class SporeExtractCommand extends SporeFileCommand {
    @Mixin
    TrustOption trust;

    @Option(names = "--to", required = true, paramLabel = "DIR", description = "The directory to create with the spore's files.")
    Path to;

    /** What extract did. */
    record Result(Path spore, Path to, String digest, String name, String version, String signer, String command,
            List<Views.FileView> files) {
    }

    @Override
    public Integer call() throws SporeRejectedException {
        TrustStore trustStore = trust.load();
        Renderer r = renderer();
        VerifiedSpore v;
        try {
            v = SporeExtractor.extract(spore, trustStore, to);
        } catch (SporeRejectedException e) {
            return SporeVerifyCommand.rejected(r, e);
        }
        Result result = new Result(spore, to, v.digest().toString(), v.manifest().identity().name(), v.manifest().identity().version(),
                v.signer().hex(), v.manifest().runtime().command(), Views.files(v.files()));
        r.render(result, h -> {
            h.line("extracted  " + v.manifest().displayName() + " into " + to + "  (verified, signed by " + v.signer().shortForm() + ")");
            h.line("");
            h.table(Views.fileTable(v.files()));
        });
        return 0;
    }
}
