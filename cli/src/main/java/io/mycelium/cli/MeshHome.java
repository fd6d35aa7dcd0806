package io.mycelium.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Finds the mesh home: where {@code examples/} and the build live. */
final class MeshHome {
    private MeshHome() {
    }

    static Path locate(Map<String, String> env) {
        String prop = System.getProperty("mesh.home");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        String fromEnv = env.get("MESH_HOME");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv).toAbsolutePath().normalize();
        }
        return fromCodeSource();
    }

    /** cli/target/mesh.jar or cli/target/classes sit two levels below the repository root. */
    private static Path fromCodeSource() {
        try {
            Path code = Path.of(MeshHome.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = code; p != null; p = p.getParent()) {
                if (Files.isRegularFile(p.resolve("mvnw")) && Files.isDirectory(p.resolve("examples"))) {
                    return p;
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall through to the working directory
        }
        return Path.of("").toAbsolutePath();
    }
}
