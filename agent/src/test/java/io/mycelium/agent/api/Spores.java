package io.mycelium.agent.api;

import io.mycelium.spore.key.SigningKey;
import io.mycelium.spore.manifest.HealthCheck;
import io.mycelium.spore.manifest.Identity;
import io.mycelium.spore.manifest.Manifest;
import io.mycelium.spore.manifest.Nutrients;
import io.mycelium.spore.manifest.Provide;
import io.mycelium.spore.manifest.RuntimeKind;
import io.mycelium.spore.manifest.RuntimeSpec;
import io.mycelium.spore.pack.PackedSpore;
import io.mycelium.spore.pack.SporePacker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Packs small real spores for the tests. */
final class Spores {
    private Spores() {
    }

    static PackedSpore pack(Path dir, String name, String version, SigningKey key, int payloadBytes) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src-" + name + "-" + version));
        Path script = src.resolve("run.sh");
        StringBuilder body = new StringBuilder("#!/bin/sh\necho " + name + " " + version + "\n");
        while (body.length() < payloadBytes) {
            body.append("# padding padding padding padding padding padding padding padding\n");
        }
        Files.writeString(script, body, StandardCharsets.UTF_8);
        script.toFile().setExecutable(true);
        Manifest template = Manifest.template(new Identity(name, version), new RuntimeSpec(RuntimeKind.SCRIPT, null, List.of(), Map.of()))
                .withProvides(List.of(new Provide("http", "http", "PORT")))
                .withNutrients(new Nutrients(250, 64))
                .withHealth(HealthCheck.http("/health"));
        return SporePacker.pack(template, List.of(script), key, Files.createDirectories(dir.resolve("out-" + name + "-" + version)));
    }
}
