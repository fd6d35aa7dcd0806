package io.mycelium.agent.api;

import io.mycelium.spore.key.SigningKey;
import io.mycelium.spore.manifest.HealthCheck;
import io.mycelium.spore.manifest.Nutrients;
import io.mycelium.spore.manifest.Provide;
import io.mycelium.spore.pack.PackedSpore;
import io.mycelium.testing.TestSpores;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The API tests' spore: an http script {@code name@version} padded to about {@code payloadBytes}. */
final class Spores {
    private Spores() {
    }

    static PackedSpore pack(Path dir, String name, String version, SigningKey key, int payloadBytes) throws IOException {
        StringBuilder body = new StringBuilder("echo " + name + " " + version + "\n");
        while (body.length() < payloadBytes) {
            body.append("# padding padding padding padding padding padding padding padding\n");
        }
        return TestSpores.shell(dir, name, version, body.toString(), m -> m.withProvides(List.of(new Provide("http", "http", "PORT")))
                .withNutrients(new Nutrients(250, 64)).withHealth(HealthCheck.http("/health")), key);
    }
}
