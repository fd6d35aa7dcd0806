package io.mycelium.client.http;

import io.mycelium.client.api.ApiDocuments;
import io.mycelium.spore.key.SigningKey;
import io.mycelium.spore.verify.SporeInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Objects;

/**
 * Publishes a spore into an agent's repository, as {@code mesh publish} and the consoles'
 * {@code :publish} do: not sent again when the agent already holds its digest; otherwise uploaded,
 * authorized by an operator signature over the digest (or the client's API token when
 * {@code operator} is null). The agent keeps it only if it verifies against its publisher trust.
 */
public final class SporeUpload {
    /** What the agent holds now; {@code created} false when it held the spore already. */
    public record Published(SporeInfo spore, boolean created, String agent) {
        public Published {
            Objects.requireNonNull(spore, "spore");
            Objects.requireNonNull(agent, "agent");
        }

        /** {@code billing 1.0.0 sha256:ab12…}. */
        public String what() {
            return spore.manifest().identity().name() + " " + spore.manifest().identity().version() + " " + spore.digest().shortForm();
        }
    }

    /** Sees an upload start and its bytes go (progress lines); {@link #NONE} for none. */
    public interface Watcher {
        Watcher NONE = new Watcher() {
        };

        /** Called once before the bytes are sent (not when the agent holds the spore). */
        default void uploading(SporeInfo spore, String agent) {
        }

        /** The stream the upload reads; wrap it to count the bytes. */
        default InputStream wrap(InputStream in) {
            return in;
        }
    }

    private SporeUpload() {
    }

    /** Publishes {@code spore} (already inspected) to the agent of {@code client}; a {@link ClientException} when it refuses. */
    public static Published publish(AgentClient client, SporeInfo spore, SigningKey operator, Instant now, Watcher watcher) {
        if (client.holds(spore.digest())) {
            return new Published(spore, false, client.base());
        }
        watcher.uploading(spore, client.base());
        ApiDocuments.SporeStored stored = client.putSpore(spore.digest(), spore.sizeBytes(), () -> {
            try {
                return watcher.wrap(Files.newInputStream(spore.spore()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + spore.spore(), e);
            }
        }, operator, now);
        return new Published(spore, stored.created(), client.base());
    }
}
