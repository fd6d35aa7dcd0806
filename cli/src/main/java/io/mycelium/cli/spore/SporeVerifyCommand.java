package io.mycelium.cli.spore;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mycelium.cli.ExitCode;
import io.mycelium.cli.Renderer;
import io.mycelium.spore.key.TrustStore;
import io.mycelium.spore.verify.SporeRejectedException;
import io.mycelium.spore.verify.SporeVerifier;
import io.mycelium.spore.verify.VerifiedSpore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code mesh spore verify SPORE --trust DIR}: exit 0 verified, 1 rejected. */
@Command(name = "verify",
        header = "Check a spore's signature and every file against your trust store.",
        description = {
                "",
                "Verified means: the manifest is signed by a key in the trust store DIR (a directory of "
                        + "*.pub files), and every payload file matches the signed manifest by sha256 and size, "
                        + "with nothing missing or extra. A key carried inside the spore never counts. "
                        + "Exit code 0 when verified, 1 when rejected (the reason on stderr; with -o json also "
                        + "on stdout).",
        },
        footerHeading = "%nExamples:%n",
        footer = {
                "  mesh spore verify out/billing-1.0.0.spore --trust trust",
                "  mesh spore verify app.spore --trust /etc/mesh/trust -o json",
                "  mesh spore verify app.spore --trust trust && echo safe to run",
        })
public final class SporeVerifyCommand extends SporeFileCommand {
    @Mixin
    TrustOption trust;

    /** A verification that passed. */
    record Verified(boolean verified, Path spore, String digest, String name, String version, String signer, List<Views.FileView> files) {
    }

    @Override
    public Integer call() throws SporeRejectedException {
        TrustStore trustStore = trust.load();
        Renderer r = renderer();
        VerifiedSpore v;
        try {
            v = SporeVerifier.verify(spore, trustStore);
        } catch (SporeRejectedException e) {
            return rejected(r, e);
        }
        Verified result = new Verified(true, spore, v.digest().toString(), v.manifest().identity().name(),
                v.manifest().identity().version(), v.signer().hex(), Views.files(v.files()));
        r.render(result, h -> h.line("verified  " + spore + "  " + v.manifest().displayName() + "  signed by "
                + v.signer().shortForm() + "  " + v.digest()));
        return ExitCode.OK;
    }

    /** Prints the rejection (JSON on stdout too, for scripts) and returns exit code 1. */
    static int rejected(Renderer r, SporeRejectedException e) throws SporeRejectedException {
        if (r.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("verified", false);
            m.put("spore", String.valueOf(e.spore()));
            m.put("reason", e.reason().name());
            m.put("message", e.getMessage());
            r.render(m, h -> { });
        }
        throw e; // Main prints it as one line: "rejected <spore>: <why> [REASON]"
    }
}
