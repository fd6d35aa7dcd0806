package io.mycelium.cli.spore;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.mycelium.spore.key.KeyId;
import io.mycelium.spore.manifest.Manifest;
import io.mycelium.spore.manifest.Provide;
import io.mycelium.spore.verify.SporeInfo;
import io.mycelium.spore.verify.SporeRejectedException;
import io.mycelium.spore.verify.SporeVerifier;
import picocli.CommandLine.Command;

/** {@code mesh spore inspect SPORE}: what a spore says about itself, unverified. */
@Command(name = "inspect",
        header = "Show a spore's manifest, signer key id and files (without verifying).",
        description = {
                "",
                "Reads what the spore claims: the manifest, the key ids its signatures name, the payload "
                        + "files and the spore's own digest. Nothing here is verified; use 'mesh spore verify' "
                        + "before trusting any of it. -o json prints the manifest exactly as signed.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
                "  mesh spore inspect out/billing-1.0.0.spore",
                "  mesh spore inspect out/billing-1.0.0.spore -o json | jq .manifest.runtime",
        })
public final class SporeInspectCommand extends SporeFileCommand {
    /** What inspect prints under -o json. */
    record Result(Path spore, String digest, long size, boolean verified, String payloadType, List<String> claimedSigners,
            List<Views.FileView> files, JsonNode manifest) {
    }

    @Override
    public Integer call() throws SporeRejectedException {
        SporeInfo info = SporeVerifier.inspect(spore);
        Manifest m = info.manifest();
        Result r = new Result(spore, info.digest().toString(), info.sizeBytes(), false, info.payloadType(),
                info.claimedSigners().stream().map(KeyId::hex).toList(), Views.files(m.entries()), Views.manifest(m));
        renderer().render(r, h -> {
            h.line("spore      " + spore + "  (" + info.sizeBytes() + " bytes, NOT verified: use mesh spore verify)");
            h.line("digest     " + info.digest());
            h.line("app        " + m.displayName());
            h.line("signers    " + (r.claimedSigners().isEmpty() ? "none" : String.join(", ", r.claimedSigners())));
            h.line("runtime    " + m.runtime().kind() + "  " + m.runtime().command()
                    + (m.runtime().args().isEmpty() ? "" : " " + String.join(" ", m.runtime().args())));
            if (!m.runtime().env().isEmpty()) {
                h.line("env        " + envLine(m.runtime().env()));
            }
            h.line("provides   " + (m.provides().isEmpty() ? "-" : String.join(", ", m.provides().stream().map(SporeInspectCommand::provide).toList())));
            h.line("health     " + m.health().kind() + (m.health().path() == null ? "" : " " + m.health().path()));
            h.line("nutrients  cpu " + m.nutrients().cpuMilli() + "m, memory " + m.nutrients().memoryMb() + " MB"
                    + (m.slo().p99BudgetMs() > 0 ? "; slo p99 " + m.slo().p99BudgetMs() + " ms" : ""));
            h.line("");
            h.table(Views.fileTable(m.entries()));
        });
        return 0;
    }

    private static String provide(Provide p) {
        return p.name() + " (" + p.protocol() + ", port in $" + p.portEnv() + ")";
    }

    private static String envLine(Map<String, String> env) {
        StringBuilder sb = new StringBuilder();
        env.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : " ").append(k).append('=').append(v.contains(" ") ? "'" + v + "'" : v));
        return sb.toString();
    }
}
