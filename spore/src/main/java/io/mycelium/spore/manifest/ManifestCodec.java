package io.mycelium.spore.manifest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.mycelium.spore.json.JsonMappers;

/**
 * Reads and writes manifests as JSON with snake_case names. Reading is strict (size cap, no
 * duplicate keys, no trailing content, bounded nesting); writing is canonical: properties in a
 * fixed order, map keys sorted, two-space indentation, LF line ends, one trailing newline. The
 * signature covers the exact bytes, so a verifier always reads the bytes that were signed and
 * never re-serializes them. Thread-safe.
 */
public final class ManifestCodec {
    /** A manifest larger than this is rejected before it is parsed. */
    public static final int MAX_BYTES = 256 * 1024;
    /** The DSSE payload type (a media type) that names a signed manifest. */
    public static final String MEDIA_TYPE = "application/vnd.mycelium.spore.manifest.v1+json";

    private static final ObjectMapper MAPPER = JsonMappers.manifest();

    private ManifestCodec() {
    }

    /** Parses manifest bytes; {@code source} names them in errors. */
    public static Manifest parse(byte[] json, String source) {
        Objects.requireNonNull(json, "json");
        if (json.length > MAX_BYTES) {
            throw new ManifestException(source + ": manifest is " + json.length + " bytes, more than the " + MAX_BYTES + " allowed");
        }
        try {
            Manifest m = MAPPER.readValue(json, Manifest.class);
            if (m == null) {
                throw new ManifestException(source + ": manifest is empty (expected a JSON object)");
            }
            return m;
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new ManifestException(source + ": invalid manifest: " + oneLine(cause.getMessage()), e);
        } catch (InvalidFormatException e) {
            throw new ManifestException(source + ": invalid manifest: " + oneLine(e.getOriginalMessage()) + at(e), e);
        } catch (JsonProcessingException e) {
            throw new ManifestException(source + ": not a valid manifest: " + oneLine(e.getOriginalMessage()) + at(e), e);
        } catch (IOException e) {
            throw new ManifestException(source + ": cannot read manifest (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            throw new ManifestException(source + ": invalid manifest: " + oneLine(String.valueOf(e.getMessage())), e);
        }
    }

    /** Reads a manifest file, refusing one larger than {@link #MAX_BYTES} before reading it. */
    public static Manifest read(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new ManifestException(file + ": manifest is " + size + " bytes, more than the " + MAX_BYTES + " allowed");
            }
            return parse(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new ManifestException(file + ": cannot read manifest (" + e.getMessage() + ")", e);
        }
    }

    /** The canonical bytes of {@code manifest}: what gets signed. */
    public static byte[] write(Manifest manifest) {
        try {
            String text = MAPPER.writeValueAsString(manifest).replace("\r\n", "\n") + "\n";
            return text.getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("writing a manifest failed: " + e.getOriginalMessage(), e);
        }
    }

    /** The mapper's configuration for other JSON of the spore format (the envelope). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static String at(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        String line = s.replaceAll("\\s+", " ").trim();
        return line.length() <= 300 ? line : line.substring(0, 300) + "...";
    }
}
