package io.mycelium.client.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mycelium.client.plan.PlanFileException.Reason;
import io.mycelium.fabric.model.Json;
import io.mycelium.fabric.model.Plan;
import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.manifest.Manifest;
import io.mycelium.spore.verify.SporeInfo;
import io.mycelium.spore.verify.SporeRejectedException;
import io.mycelium.spore.verify.SporeVerifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A plan file: a JSON object with the fields of a {@link Plan} ({@code app}, {@code digest},
 * {@code instances}, {@code env}, {@code config}, {@code placement}, {@code strategy}...), where
 * {@code "spore": "PATH"} (relative to the file) may stand in for {@code "digest"}: the spore is
 * inspected locally for its digest and manifest. Read once; {@link #plan} may be called with a
 * digest given beside the file (a flag, a form field), which wins.
 *
 * @param manifest the manifest of the file's {@code "spore"}, when it names one
 */
public record PlanFile(Path file, ObjectNode json, Optional<Manifest> manifest) {
    public PlanFile {
        Objects.requireNonNull(file, "file");
        json = json.deepCopy();
        Objects.requireNonNull(manifest, "manifest");
    }

    /** Reads {@code file}; a {@link PlanFileException} says what is wrong with it. */
    public static PlanFile read(Path file) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new PlanFileException(Reason.UNREADABLE, "no file " + file + ": give the path of a plan JSON file");
        } catch (JsonProcessingException e) {
            throw new PlanFileException(Reason.NOT_A_PLAN, file + ": not JSON (" + firstLine(e.getOriginalMessage()) + ")");
        } catch (IOException e) {
            throw new PlanFileException(Reason.UNREADABLE, "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        if (!(node instanceof ObjectNode obj)) {
            throw new PlanFileException(Reason.NOT_A_PLAN, file + ": a plan file is a JSON object");
        }
        Manifest manifest = null;
        if (obj.hasNonNull("spore")) {
            Path spore = file.toAbsolutePath().getParent().resolve(obj.get("spore").asText());
            try {
                SporeInfo info = SporeVerifier.inspect(spore);
                manifest = info.manifest();
                obj.put("digest", info.digest().toString());
            } catch (SporeRejectedException e) {
                throw new PlanFileException(Reason.BAD_SPORE, file + ": spore " + spore + " is not a spore: " + e.getMessage());
            }
            obj.remove("spore");
        }
        return new PlanFile(file, obj, Optional.ofNullable(manifest));
    }

    /** The app the file names, if it names one. */
    public Optional<String> app() {
        return json.hasNonNull("app") ? Optional.of(json.get("app").asText()) : Optional.empty();
    }

    /** The file's plan, with {@code digest} (when not null) instead of the file's. */
    public Plan plan(Digest digest) {
        ObjectNode copy = json.deepCopy();
        if (digest != null) {
            copy.put("digest", digest.toString());
        }
        if (!copy.hasNonNull("digest")) {
            throw new PlanFileException(Reason.NO_DIGEST, file + " names no digest: add \"digest\": \"sha256:...\" or \"spore\": \"FILE.spore\"");
        }
        try {
            return Json.MAPPER.treeToValue(copy, Plan.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new PlanFileException(Reason.NOT_A_PLAN, file + " is not a valid plan: " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "malformed";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
