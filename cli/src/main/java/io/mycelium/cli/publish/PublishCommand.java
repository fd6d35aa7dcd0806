package io.mycelium.cli.publish;

import io.mycelium.cli.CliContext;
import io.mycelium.cli.MeshException;
import io.mycelium.cli.OutputOptions;
import io.mycelium.cli.Renderer;
import io.mycelium.client.http.AgentClient;
import io.mycelium.client.http.SporeUpload;
import io.mycelium.cli.api.ApiOptions;
import io.mycelium.spore.key.SigningKey;
import io.mycelium.spore.verify.SporeInfo;
import io.mycelium.spore.verify.SporeRejectedException;
import io.mycelium.spore.verify.SporeVerifier;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mesh publish SPORE --api URL [--key operator.key | --token-file FILE]}. */
@Command(name = "publish",
        header = "Upload a spore into an agent's repository; peers fetch it from there.",
        description = {
                "",
                "The agent keeps the spore only if its bytes match its digest and its signature verifies against the "
                        + "agent's publisher trust store. The upload is authorized by an operator key the agent trusts "
                        + "(--key) or by the agent's API token (--token-file). A spore the agent already holds is not sent again.",
        },
        footerHeading = "%nExamples:%n",
        footer = {"  mesh publish out/billing-1.0.0.spore --key keys/operator.key",
                "  mesh publish out/billing-1.0.0.spore --api http://127.0.0.1:7071 \\",
                "      --token-file agent.token -o json"})
public final class PublishCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Mixin
    ApiOptions api;

    @Parameters(index = "0", paramLabel = "SPORE", description = "The .spore file to upload.")
    Path spore;

    @Option(names = "--key", paramLabel = "FILE", description = "An operator's private key (PEM) to sign the upload with.")
    Path key;

    public PublishCommand(CliContext ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
    }

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(spore)) {
            throw MeshException.notFound(spore + ": no such file");
        }
        SporeInfo info;
        try {
            info = SporeVerifier.inspect(spore);
        } catch (SporeRejectedException e) {
            throw MeshException.rejected(spore + " is not a spore: " + e.getMessage() + " [" + e.reason() + "]");
        }
        SigningKey signer = key == null ? null : SigningKey.read(key);
        Renderer out = Renderer.of(spec, output);
        try (AgentClient client = api.client(ctx)) {
            Progress progress = new Progress(info.sizeBytes(), out);
            SporeUpload.Published done = SporeUpload.publish(client, info, signer, ctx.clock().instant(), progress);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("digest", info.digest().toString());
            result.put("name", info.manifest().identity().name());
            result.put("version", info.manifest().identity().version());
            result.put("size", info.sizeBytes());
            result.put("created", done.created());
            result.put("agent", client.base());
            out.render(result, h -> h.line((done.created() ? "published " : "already published ") + info.manifest().identity().name()
                    + " " + info.manifest().identity().version() + " " + info.digest() + " to " + client.base()));
        }
        return 0;
    }

    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return (bytes / 1024) + " KiB";
        }
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }

    /** Says the upload starts, then prints a line at each quarter of a large upload. */
    private final class Progress implements SporeUpload.Watcher {
        private final long size;
        private final Renderer out;
        private long sent;
        private int quarter;

        Progress(long size, Renderer out) {
            this.size = size;
            this.out = out;
        }

        @Override
        public void uploading(SporeInfo info, String agent) {
            out.progress("uploading " + spore.getFileName() + " (" + human(size) + ") to " + agent);
        }

        @Override
        public InputStream wrap(InputStream in) {
            return new FilterInputStream(in) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    if (n > 0) {
                        advance(n);
                    }
                    return n;
                }
            };
        }

        private synchronized void advance(int n) {
            sent += n;
            if (size < 1024 * 1024) {
                return;
            }
            int q = (int) (sent * 4 / size);
            while (quarter < q && quarter < 4) {
                quarter++;
                out.progress("  " + (quarter * 25) + "% (" + human(Math.min(sent, size)) + " of " + human(size) + ")");
            }
        }
    }
}
