package io.mycelium.spore.manifest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The DNA manifest of a spore: what it is, how to run it, what it needs and promises, and the
 * payload files it binds by sha256 and size. Signed as exact bytes (see {@link ManifestCodec});
 * fields this version does not know are kept in {@code extra} and written back, so a newer
 * publisher's fields stay signed. A template (before packing) has no files yet.
 *
 * @param schemaVersion the manifest schema, {@value #SCHEMA_VERSION} here
 * @param identity      name and version
 * @param runtime       how to start it
 * @param provides      the services it offers
 * @param nutrients     the resources one instance needs
 * @param slo           its latency budget
 * @param security      what it may do
 * @param health        how health is checked
 * @param files         the payload, the executable first
 * @param sbom          an optional CycloneDX SBOM, or null
 * @param extra         fields this version does not know, kept and signed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(int schemaVersion, Identity identity, Runtime runtime, List<Provide> provides, Nutrients nutrients, Slo slo,
        Security security, HealthCheck health, List<PayloadFile> files, Sbom sbom,
        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {
    /** The schema version this code writes and the newest it reads. */
    public static final int SCHEMA_VERSION = 1;

    public Manifest {
        if (schemaVersion < 1 || schemaVersion > SCHEMA_VERSION) {
            throw new IllegalArgumentException("schema_version " + schemaVersion + " is not supported (this mesh reads 1.." + SCHEMA_VERSION + ")");
        }
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(runtime, "runtime");
        provides = provides == null ? List.of() : List.copyOf(provides);
        nutrients = nutrients == null ? new Nutrients(0, 0) : nutrients;
        slo = slo == null ? new Slo(0) : slo;
        security = security == null ? Security.defaults() : security;
        health = health == null ? HealthCheck.none() : health;
        files = files == null ? List.of() : List.copyOf(files);
        extra = Extras.copy(extra);
        Set<String> seen = new HashSet<>();
        for (PayloadFile f : files) {
            if (!seen.add(f.path())) {
                throw new IllegalArgumentException("file path '" + f.path() + "' appears twice");
            }
        }
        if (sbom != null && !seen.add(sbom.file().path())) {
            throw new IllegalArgumentException("sbom path '" + sbom.file().path() + "' is also a payload file");
        }
        if (!files.isEmpty() && runtime.command() != null && !runtime.command().isEmpty() && !seen.contains(runtime.command())) {
            throw new IllegalArgumentException("runtime.command '" + runtime.command() + "' is not one of the payload files");
        }
        Set<String> names = new HashSet<>();
        for (Provide p : provides) {
            if (!names.add(p.name())) {
                throw new IllegalArgumentException("provides name '" + p.name() + "' appears twice");
            }
        }
    }

    /** A template with the defaults for everything but identity and runtime. */
    public static Manifest template(Identity identity, Runtime runtime) {
        return new Manifest(SCHEMA_VERSION, identity, runtime, List.of(), null, null, null, null, List.of(), null, Map.of());
    }

    /** Every bound entry in archive order: the files, then the SBOM if any. */
    @JsonIgnore
    public List<PayloadFile> entries() {
        List<PayloadFile> all = new ArrayList<>(files);
        if (sbom != null) {
            all.add(sbom.file());
        }
        return List.copyOf(all);
    }

    /** The sum of the sizes of every bound entry. */
    @JsonIgnore
    public long payloadBytes() {
        long total = 0;
        for (PayloadFile f : entries()) {
            total = Math.addExact(total, f.size());
        }
        return total;
    }

    /** {@code name@version}. */
    @JsonIgnore
    public String displayName() {
        return identity.name() + "@" + identity.version();
    }

    public Manifest withFiles(List<PayloadFile> newFiles, Sbom newSbom, Runtime newRuntime) {
        return new Manifest(schemaVersion, identity, newRuntime, provides, nutrients, slo, security, health, newFiles, newSbom, extra);
    }

    public Manifest withProvides(List<Provide> newProvides) {
        return new Manifest(schemaVersion, identity, runtime, newProvides, nutrients, slo, security, health, files, sbom, extra);
    }

    public Manifest withNutrients(Nutrients n) {
        return new Manifest(schemaVersion, identity, runtime, provides, n, slo, security, health, files, sbom, extra);
    }

    public Manifest withSlo(Slo s) {
        return new Manifest(schemaVersion, identity, runtime, provides, nutrients, s, security, health, files, sbom, extra);
    }

    public Manifest withHealth(HealthCheck h) {
        return new Manifest(schemaVersion, identity, runtime, provides, nutrients, slo, security, h, files, sbom, extra);
    }

    public Manifest withSecurity(Security s) {
        return new Manifest(schemaVersion, identity, runtime, provides, nutrients, slo, s, health, files, sbom, extra);
    }
}
