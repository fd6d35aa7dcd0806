package io.mycelium.cli.up;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import io.mycelium.cli.MeshException;
import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.key.SigningKey;
import io.mycelium.spore.key.TrustStore;
import io.mycelium.spore.key.VerifyingKey;
import io.mycelium.spore.manifest.Manifest;
import io.mycelium.spore.manifest.ManifestCodec;
import io.mycelium.spore.pack.PackedSpore;
import io.mycelium.spore.pack.SporePacker;
import io.mycelium.spore.store.SporeRepo;
import io.mycelium.spore.verify.SporeRejectedException;
import io.mycelium.spore.verify.SporeVerifier;
import io.mycelium.spore.verify.VerifiedSpore;

/**
 * The steps of {@code mesh up}, each idempotent: key, pack, publish, verify. Reports progress one
 * line at a time. Not thread-safe; one run per work directory at a time (a file lock enforces it
 * across processes).
 */
final class Up {
    private final WorkDir dir;
    private final Path examples;
    private final List<ExampleSpore> spores;
    private final Consumer<String> progress;

    Up(WorkDir dir, Path examples, List<ExampleSpore> spores, Consumer<String> progress) {
        this.dir = Objects.requireNonNull(dir, "dir");
        this.examples = Objects.requireNonNull(examples, "examples");
        this.spores = List.copyOf(spores);
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** The publisher key, and whether this run made it. */
    record KeyResult(String id, Path key, Path trusted, boolean created) {
    }

    /** One example spore after the run. */
    record SporeResult(String name, String version, Path spore, String digest, String ref, boolean packed, boolean verified) {
    }

    /** Everything the run did. */
    record Result(Path dir, Path repo, Path trust, KeyResult key, List<SporeResult> spores) {
    }

    /** Takes the work dir's lock, then {@link #prepare}. */
    @SuppressWarnings("try") // the lock is only held, for the duration of the try block
    Result run() throws IOException {
        checkExamples();
        Files.createDirectories(dir.root());
        try (FileChannel ch = FileChannel.open(dir.lock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = lock(ch, dir)) {
            return prepare();
        }
    }

    /** Key, pack, publish into the work dir's repo, verify; the caller holds the work dir's lock. */
    Result prepare() throws IOException {
        checkExamples();
        Files.createDirectories(dir.root());
        KeyResult key = publisherKey();
        SigningKey signing = SigningKey.read(dir.publisherKey());
        TrustStore trust = TrustStore.load(dir.trust());
        SporeRepo repo = SporeRepo.open(dir.repo());
        List<SporeResult> results = new ArrayList<>();
        for (ExampleSpore example : spores) {
            results.add(sporeOf(example, signing, trust, repo));
        }
        return new Result(dir.root(), dir.repo(), dir.trust(), key, results);
    }

    /** The work dir's lock, or one line saying another mesh up holds it. */
    static FileLock lock(FileChannel ch, WorkDir dir) throws IOException {
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw MeshException.rejected(dir.root() + ": another 'mesh up' is using this work dir; wait for it or pass another --dir");
        }
        return lock;
    }

    /** Every input present, or one line saying which is missing and how to build it. */
    void checkExamples() {
        if (!Files.isDirectory(examples)) {
            throw MeshException.notFound(examples + ": no examples directory here; run mesh up from a Mycelium Mesh checkout or pass --examples DIR");
        }
        for (ExampleSpore e : spores) {
            if (!Files.isRegularFile(e.manifestIn(examples))) {
                throw MeshException.notFound(e.manifestIn(examples) + ": example manifest missing");
            }
            for (Path f : e.filesIn(examples)) {
                if (!Files.isRegularFile(f)) {
                    throw MeshException.notFound(f + ": example payload missing; build it with './mvnw -q -pl examples package -DskipTests' (./mesh does this for you)");
                }
            }
        }
    }

    /** Makes the publisher key on the first run; always makes sure the trust store has its public half. */
    private KeyResult publisherKey() throws IOException {
        boolean created = false;
        if (!Files.exists(dir.publisherKey())) {
            SigningKey.generate().writePair(dir.keys(), "publisher");
            created = true;
        }
        SigningKey key = SigningKey.read(dir.publisherKey());
        String pem = key.verifyingKey().toPem();
        if (!Files.exists(dir.publisherPub()) || !VerifyingKey.read(dir.publisherPub()).equals(key.verifyingKey())) {
            Files.writeString(dir.publisherPub(), pem, StandardCharsets.US_ASCII);
        }
        Files.createDirectories(dir.trust());
        Path trusted = dir.trust().resolve("publisher.pub");
        if (!Files.exists(trusted) || !VerifyingKey.read(trusted).equals(key.verifyingKey())) {
            Files.writeString(trusted, pem, StandardCharsets.US_ASCII);
        }
        progress.accept(String.format("%-16s %s %s (id %s), trusted in %s", "publisher key", created ? "created" : "reused ",
                dir.publisherKey(), key.id().shortForm(), dir.trust()));
        return new KeyResult(key.id().hex(), dir.publisherKey(), trusted, created);
    }

    private SporeResult sporeOf(ExampleSpore example, SigningKey signing, TrustStore trust, SporeRepo repo) throws IOException {
        Path manifestFile = example.manifestIn(examples);
        Manifest template = ManifestCodec.read(manifestFile);
        String app = template.identity().name() + "@" + template.identity().version();
        Path spore = dir.spores().resolve(template.identity().name() + "-" + template.identity().version() + ".spore");
        Path inputsFile = dir.spores().resolve(spore.getFileName() + ".inputs");
        String inputs = fingerprint(manifestFile, example.filesIn(examples), signing);

        boolean packed = false;
        if (!upToDate(spore, inputsFile, inputs, trust)) {
            try {
                PackedSpore p = SporePacker.pack(template, example.filesIn(examples), signing, dir.spores());
                spore = p.path();
            } catch (IllegalArgumentException e) {
                throw MeshException.rejected(manifestFile + ": " + e.getMessage(), e);
            }
            Files.writeString(inputsFile, inputs + "\n", StandardCharsets.US_ASCII);
            packed = true;
        }
        Digest digest = repo.put(spore);
        repo.pin(app, digest);
        VerifiedSpore verified;
        try {
            verified = SporeVerifier.verify(repo.get(digest, true), trust);
        } catch (SporeRejectedException e) {
            throw MeshException.rejected("published " + app + " does not verify: " + e.getMessage() + " [" + e.reason() + "]", e);
        }
        progress.accept(String.format("%-16s %s  published %s  verified (signer %s)", app, packed ? "packed    " : "up to date",
                digest.toString().substring(0, 19), verified.signer().shortForm()));
        return new SporeResult(template.identity().name(), template.identity().version(), spore, digest.toString(), app, packed, true);
    }

    /** The spore on disk was packed from exactly these inputs and still verifies. */
    private static boolean upToDate(Path spore, Path inputsFile, String inputs, TrustStore trust) throws IOException {
        if (!Files.isRegularFile(spore) || !Files.isRegularFile(inputsFile)) {
            return false;
        }
        if (!Files.readString(inputsFile, StandardCharsets.US_ASCII).trim().equals(inputs)) {
            return false;
        }
        try {
            SporeVerifier.verify(spore, trust);
            return true;
        } catch (SporeRejectedException e) {
            return false;
        }
    }

    /** sha256 over the manifest's bytes, each payload's name and bytes, and the signing key id. */
    static String fingerprint(Path manifest, List<Path> files, SigningKey key) throws IOException {
        MessageDigest sha = Digest.newSha256();
        sha.update(Digest.ofFile(manifest).hex().getBytes(StandardCharsets.US_ASCII));
        for (Path f : files) {
            sha.update(("\n" + f.getFileName() + "\n" + Digest.ofFile(f).hex()).getBytes(StandardCharsets.US_ASCII));
        }
        sha.update(("\n" + key.id().hex()).getBytes(StandardCharsets.US_ASCII));
        return Digest.of(sha).toString();
    }
}
