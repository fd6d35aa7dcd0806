package io.mycelium.console.model;

import io.mycelium.spore.key.SigningKey;
import io.mycelium.spore.manifest.Identity;
import io.mycelium.spore.manifest.Manifest;
import io.mycelium.spore.manifest.Nutrients;
import io.mycelium.spore.manifest.RuntimeKind;
import io.mycelium.spore.manifest.RuntimeSpec;
import io.mycelium.spore.pack.PackedSpore;
import io.mycelium.spore.pack.SporePacker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A real signed spore of one script, with the nutrients the console must copy into a plan. */
final class TestSpores {
    static final Nutrients NUTRIENTS = new Nutrients(300, 96);

    private TestSpores() {
    }

    static PackedSpore script(Path dir, String name, String version, SigningKey publisher) throws IOException {
        Path src = Files.createDirectories(dir.resolve(name + "-" + version));
        Path run = Files.writeString(src.resolve("run.sh"), "#!/bin/sh\necho " + name + "\n");
        Manifest m = Manifest.template(new Identity(name, version), new RuntimeSpec(RuntimeKind.SCRIPT, null, List.of(), Map.of()))
                .withNutrients(NUTRIENTS);
        return SporePacker.pack(m, List.of(run), publisher, Files.createDirectories(src.resolve("out")));
    }
}
