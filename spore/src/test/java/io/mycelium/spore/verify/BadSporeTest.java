package io.mycelium.spore.verify;

import static io.mycelium.spore.verify.SporeFixtures.Entry;
import static io.mycelium.spore.verify.SporeFixtures.PUBLISHER;
import static io.mycelium.spore.verify.SporeFixtures.STRANGER;
import static io.mycelium.spore.verify.SporeFixtures.TRUST;
import static io.mycelium.spore.verify.SporeFixtures.archive;
import static io.mycelium.spore.verify.SporeFixtures.envelope;
import static io.mycelium.spore.verify.SporeFixtures.manifestFor;
import static io.mycelium.spore.verify.SporeFixtures.validEntries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.node.TextNode;

import io.mycelium.spore.archive.ZipFormat;
import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.extract.SporeExtractor;
import io.mycelium.spore.manifest.Manifest;
import io.mycelium.spore.manifest.ManifestCodec;
import io.mycelium.spore.manifest.PayloadFile;
import io.mycelium.spore.sign.Envelope;

/**
 * Every kind of bad input of issue 2, one test each: verify and extract both reject it with the
 * expected reason and a one-line message naming the file, and extraction leaves nothing behind.
 */
class BadSporeTest {
    @TempDir
    Path dir;
    Path runDir;

    @BeforeEach
    void setUp() throws IOException {
        runDir = Files.createDirectories(dir.resolve("run"));
    }

    private SporeRejectedException assertRejected(byte[] spore, RejectReason reason, String messagePart) throws IOException {
        return assertRejected(spore, reason, messagePart, new SporeVerifier(), new SporeExtractor());
    }

    private SporeRejectedException assertRejected(byte[] spore, RejectReason reason, String messagePart, SporeVerifier verifier, SporeExtractor extractor)
            throws IOException {
        Path file = SporeFixtures.write(dir, "bad.spore", spore);
        SporeRejectedException e = catchThrowableOfType(SporeRejectedException.class, () -> verifier.check(file, TRUST));
        assertThat(e).as("verify must reject").isNotNull();
        assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
        assertThat(e.getMessage()).startsWith(file + ": ").contains(messagePart).doesNotContain("\n");

        Path target = runDir.resolve("app");
        SporeRejectedException x = catchThrowableOfType(SporeRejectedException.class, () -> extractor.extractTo(file, TRUST, target));
        assertThat(x).as("extract must reject").isNotNull();
        assertThat(x.reason()).as(x.getMessage()).isEqualTo(reason);
        try (var left = Files.list(runDir)) {
            assertThat(left.toList()).as("nothing may be left after a rejected extraction").isEmpty();
        }
        try (var top = Files.list(dir)) {
            assertThat(top.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("bad.spore", "run");
        }
        return e;
    }

    private static List<Entry> entries() {
        return validEntries();
    }

    private static byte[] flip(byte[] data, int bit) {
        byte[] copy = data.clone();
        copy[bit / 8] ^= (byte) (1 << (bit % 8));
        return copy;
    }

    @Test
    void validSporeIsAccepted() throws Exception {
        Path file = SporeFixtures.write(dir, "ok.spore", SporeFixtures.validSpore());
        VerifiedSpore v = SporeVerifier.verify(file, TRUST);
        assertThat(v.files()).extracting(PayloadFile::path).containsExactly("run.sh", "conf/app.properties");
        SporeExtractor.extract(file, TRUST, runDir.resolve("app"));
        assertThat(Files.readString(runDir.resolve("app/conf/app.properties"))).isEqualTo("greeting=hi\n");
    }

    @Test
    void rejectsManifestChangedAfterSigning() throws Exception {
        byte[] signed = ManifestCodec.write(manifestFor(entries()));
        Envelope good = Envelope.parse(envelope(signed, ManifestCodec.MEDIA_TYPE, PUBLISHER), "test");
        byte[] changed = new String(signed, StandardCharsets.UTF_8).replace("\"1.0.0\"", "\"6.6.6\"").getBytes(StandardCharsets.UTF_8);
        assertThat(changed).isNotEqualTo(signed);
        byte[] forged = new Envelope(good.payloadType(), changed, good.signatures()).toJson();
        assertRejected(archive(forged, entries()), RejectReason.BAD_SIGNATURE, "changed after signing");
    }

    @Test
    void rejectsOneFlippedBitInAnyPayloadFile() throws Exception {
        byte[] env = envelope(manifestFor(entries()), PUBLISHER);
        for (int i = 0; i < entries().size(); i++) {
            Entry e = entries().get(i);
            for (int bit : new int[] {0, 7, e.data().length * 8 - 1}) {
                List<Entry> tampered = new ArrayList<>(entries());
                tampered.set(i, Entry.file(e.name(), flip(e.data(), bit)));
                assertRejected(archive(env, tampered), RejectReason.DIGEST_MISMATCH, "entry " + e.name() + ": sha256 differs");
            }
        }
    }

    @Test
    void rejectsSignatureByKeyNotInTrustStore() throws Exception {
        assertRejected(archive(envelope(manifestFor(entries()), STRANGER), entries()), RejectReason.UNTRUSTED_SIGNER, "not in the trust store");
    }

    @Test
    void rejectsSignatureClaimingATrustedKeyIdButMadeByAnother() throws Exception {
        byte[] bytes = ManifestCodec.write(manifestFor(entries()));
        Envelope byStranger = Envelope.parse(envelope(bytes, ManifestCodec.MEDIA_TYPE, STRANGER), "test");
        byte[] forged = new Envelope(byStranger.payloadType(), bytes,
                List.of(new io.mycelium.spore.sign.Signature(PUBLISHER.id().hex(), byStranger.signatures().get(0).sig()))).toJson();
        assertRejected(archive(forged, entries()), RejectReason.BAD_SIGNATURE, PUBLISHER.id().shortForm());
    }

    @Test
    void rejectsWrongDssePayloadType() throws Exception {
        byte[] env = envelope(ManifestCodec.write(manifestFor(entries())), "application/vnd.in-toto+json", PUBLISHER);
        assertRejected(archive(env, entries()), RejectReason.WRONG_PAYLOAD_TYPE, "application/vnd.in-toto+json");
    }

    @Test
    void rejectsMissingEntry() throws Exception {
        byte[] env = envelope(manifestFor(entries()), PUBLISHER);
        assertRejected(archive(env, entries().subList(0, 1)), RejectReason.MISSING_ENTRY, "entry conf/app.properties is missing");
    }

    @Test
    void rejectsExtraEntryAtTheEndAndInTheMiddle() throws Exception {
        byte[] env = envelope(manifestFor(entries()), PUBLISHER);
        Entry evil = Entry.file("evil.sh", "rm -rf /\n".getBytes(StandardCharsets.UTF_8));
        List<Entry> atEnd = new ArrayList<>(entries());
        atEnd.add(evil);
        assertRejected(archive(env, atEnd), RejectReason.UNEXPECTED_ENTRY, "evil.sh is not in the signed manifest");
        List<Entry> inMiddle = new ArrayList<>(entries());
        inMiddle.add(1, evil);
        assertRejected(archive(env, inMiddle), RejectReason.UNEXPECTED_ENTRY, "evil.sh is not in the signed manifest");
    }

    @Test
    void rejectsDuplicatedEntries() throws Exception {
        byte[] env = envelope(manifestFor(entries()), PUBLISHER);
        List<Entry> twiceAtEnd = new ArrayList<>(entries());
        twiceAtEnd.add(entries().get(1));
        assertRejected(archive(env, twiceAtEnd), RejectReason.DUPLICATE_ENTRY, "conf/app.properties appears twice");
        List<Entry> twiceFirst = List.of(entries().get(0), entries().get(0), entries().get(1));
        assertRejected(archive(env, twiceFirst), RejectReason.DUPLICATE_ENTRY, "run.sh appears twice");
        List<Entry> envelopeTwice = new ArrayList<>(entries());
        envelopeTwice.add(0, Entry.file(ZipFormat.ENVELOPE_ENTRY, env));
        assertRejected(archive(env, envelopeTwice), RejectReason.DUPLICATE_ENTRY, ZipFormat.ENVELOPE_ENTRY + " appears twice");
    }

    @Test
    void rejectsAbsolutePathEntry() throws Exception {
        byte[] env = envelope(manifestFor(entries()), PUBLISHER);
        List<Entry> abs = List.of(entries().get(0), Entry.file(dir.resolve("escaped").toString(), "x".getBytes(StandardCharsets.UTF_8)));
        assertRejected(archive(env, abs), RejectReason.UNSAFE_PATH, "is absolute");
        assertThat(dir.resolve("escaped")).doesNotExist();
    }

    @Test
    void rejectsDotDotEntry() throws Exception {
        byte[] env = envelope(manifestFor(entries()), PUBLISHER);
        List<Entry> slip = List.of(entries().get(0), Entry.file("../../escaped", "x".getBytes(StandardCharsets.UTF_8)));
        assertRejected(archive(env, slip), RejectReason.UNSAFE_PATH, "contains '..'");
        assertThat(dir.resolve("escaped")).doesNotExist();
        assertThat(runDir.resolveSibling("escaped")).doesNotExist();
    }

    @Test
    void rejectsSignedManifestThatBindsAnEscapingPath() throws Exception {
        byte[] signed = new String(ManifestCodec.write(manifestFor(entries())), StandardCharsets.UTF_8)
                .replace("\"conf/app.properties\"", "\"../app.properties\"").getBytes(StandardCharsets.UTF_8);
        List<Entry> slip = List.of(entries().get(0), Entry.file("../app.properties", entries().get(1).data()));
        assertRejected(archive(envelope(signed, ManifestCodec.MEDIA_TYPE, PUBLISHER), slip), RejectReason.BAD_MANIFEST, "contains '..'");
    }

    @Test
    void rejectsSymlinkEntry() throws Exception {
        byte[] target = "/etc/passwd".getBytes(StandardCharsets.UTF_8);
        List<Entry> link = List.of(entries().get(0), new Entry("conf/app.properties", target, ZipFormat.S_IFLNK | 0777, ZipFormat.METHOD_STORED));
        // the manifest binds the link's bytes, so only the entry type gives it away
        byte[] env = envelope(manifestFor(link), PUBLISHER);
        assertRejected(archive(env, link), RejectReason.SYMLINK_ENTRY, "conf/app.properties is a symbolic link");
    }

    @Test
    void rejectsDirectoryEntry() throws Exception {
        List<Entry> withDir = List.of(entries().get(0), new Entry("conf", new byte[0], ZipFormat.S_IFDIR | 0755, ZipFormat.METHOD_STORED));
        assertRejected(archive(envelope(manifestFor(withDir), PUBLISHER), withDir), RejectReason.UNSUPPORTED_ENTRY, "conf is a directory");
    }

    @Test
    void rejectsZipBombOfDeflatedEntryWithoutInflatingIt() throws Exception {
        byte[] zeros = new byte[20 << 20];
        Manifest m = manifestFor(List.of(Entry.file("run.sh", zeros)));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            byte[] env = envelope(m, PUBLISHER);
            ZipEntry e = new ZipEntry(ZipFormat.ENVELOPE_ENTRY);
            e.setMethod(ZipEntry.STORED);
            e.setSize(env.length);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(env);
            e.setCrc(crc.getValue());
            zip.putNextEntry(e);
            zip.write(env);
            zip.putNextEntry(new ZipEntry("run.sh"));
            zip.write(zeros);
        }
        assertThat(bytes.size()).isLessThan(1 << 20);
        assertRejected(bytes.toByteArray(), RejectReason.UNSUPPORTED_ENTRY, "run.sh is compressed (method 8)");
    }

    @Test
    void rejectsEntryLargerThanTheManifestSays() throws Exception {
        byte[] env = envelope(manifestFor(entries()), PUBLISHER);
        byte[] bigger = Arrays.copyOf(entries().get(1).data(), 1 << 16);
        List<Entry> inflated = List.of(entries().get(0), Entry.file("conf/app.properties", bigger));
        assertRejected(archive(env, inflated), RejectReason.SIZE_MISMATCH, "conf/app.properties is 65536 bytes, the manifest says 12");
    }

    @Test
    void rejectsPayloadPastTheTotalCap() throws Exception {
        List<Entry> big = List.of(Entry.file("run.sh", new byte[600]), Entry.file("data.bin", new byte[600]));
        SporeLimits limits = new SporeLimits(16, 1000, 1000);
        assertRejected(archive(envelope(manifestFor(big), PUBLISHER), big), RejectReason.TOO_LARGE, "payload is 1200 bytes, more than the 1000 allowed",
                new SporeVerifier(limits), new SporeExtractor(limits));
    }

    @Test
    void rejectsManifestDeclaringATerabytePayloadBeforeReadingIt() throws Exception {
        Manifest t = SporeFixtures.template();
        PayloadFile huge = new PayloadFile("run.sh", Digest.of(new byte[0]), 1L << 40, true);
        Manifest m = t.withFiles(List.of(huge), null, t.runtime().withCommand("run.sh"));
        assertRejected(archive(envelope(m, PUBLISHER), entries().subList(0, 1)), RejectReason.TOO_LARGE, "more than the");
    }

    @Test
    void rejectsEveryTruncation() throws Exception {
        byte[] valid = SporeFixtures.validSpore();
        SporeVerifier verifier = new SporeVerifier();
        for (int len = 4; len < valid.length; len++) {
            Path file = SporeFixtures.write(dir, "cut.spore", Arrays.copyOf(valid, len));
            SporeRejectedException e = catchThrowableOfType(SporeRejectedException.class, () -> verifier.check(file, TRUST));
            assertThat(e).as("truncated to %d bytes", len).isNotNull();
            assertThat(e.reason()).as("truncated to %d bytes: %s", len, e.getMessage()).isEqualTo(RejectReason.TRUNCATED);
        }
        Files.delete(dir.resolve("cut.spore"));
        for (int len : new int[] {40, valid.length / 2, valid.length - 30, valid.length - 1}) {
            assertRejected(Arrays.copyOf(valid, len), RejectReason.TRUNCATED, "is truncated");
        }
    }

    @Test
    void rejectsFileThatIsNotASporeAtAll() throws Exception {
        assertRejected("hello, I am a text file\n".getBytes(StandardCharsets.UTF_8), RejectReason.NOT_A_SPORE, "not a zip archive");
        assertRejected(new byte[0], RejectReason.NOT_A_SPORE, "too short");
        ByteArrayOutputStream plainZip = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(plainZip)) {
            zip.putNextEntry(new ZipEntry("README.txt"));
            zip.write("just a zip".getBytes(StandardCharsets.UTF_8));
        }
        assertRejected(plainZip.toByteArray(), RejectReason.NOT_A_SPORE, "first entry is 'README.txt'");
    }

    @Test
    void rejectsMissingSporeFileWithOneLine() {
        Path absent = dir.resolve("absent.spore");
        SporeRejectedException e = catchThrowableOfType(SporeRejectedException.class, () -> SporeVerifier.verify(absent, TRUST));
        assertThat(e.reason()).isEqualTo(RejectReason.IO_ERROR);
        assertThat(e.getMessage()).isEqualTo(absent + ": no such file");
    }

    @Test
    void rejectsAbsurdlyLargeManifest() throws Exception {
        Manifest t = manifestFor(entries());
        Manifest fat = new Manifest(t.schemaVersion(), t.identity(), t.runtime(), t.provides(), t.nutrients(), t.slo(), t.security(), t.health(),
                t.files(), t.sbom(), Map.of("padding", TextNode.valueOf("x".repeat(ManifestCodec.MAX_BYTES))));
        assertRejected(archive(envelope(fat, PUBLISHER), entries()), RejectReason.TOO_LARGE, "manifest is");
    }

    @Test
    void rejectsAbsurdlyLargeEnvelopeBeforeReadingIt() throws Exception {
        byte[] huge = new byte[Envelope.MAX_BYTES + 1];
        Arrays.fill(huge, (byte) ' ');
        assertRejected(archive(huge, entries()), RejectReason.TOO_LARGE, "envelope is " + huge.length + " bytes");
    }

    @Test
    void rejectsEnvelopeThatIsNotDsse() throws Exception {
        assertRejected(archive("{\"payload\":\"!!\"}".getBytes(StandardCharsets.UTF_8), entries()), RejectReason.BAD_ENVELOPE, "envelope field");
        assertRejected(archive("[1,2".getBytes(StandardCharsets.UTF_8), entries()), RejectReason.BAD_ENVELOPE, "not valid JSON");
    }

    @Test
    void rejectsSignedManifestThatIsNotAManifest() throws Exception {
        byte[] env = envelope("{\"hello\":1}".getBytes(StandardCharsets.UTF_8), ManifestCodec.MEDIA_TYPE, PUBLISHER);
        assertRejected(archive(env, entries()), RejectReason.BAD_MANIFEST, "invalid manifest");
        Manifest t = SporeFixtures.template();
        assertRejected(archive(envelope(t, PUBLISHER), List.of()), RejectReason.BAD_MANIFEST, "binds no files");
    }

    @Test
    void rejectsTrailingBytesAndEntriesOutOfOrder() throws Exception {
        byte[] valid = SporeFixtures.validSpore();
        byte[] trailing = Arrays.copyOf(valid, valid.length + 3);
        assertRejected(trailing, RejectReason.MALFORMED_ARCHIVE, "bytes after the end");
        byte[] env = envelope(manifestFor(entries()), PUBLISHER);
        assertRejected(archive(env, List.of(entries().get(1), entries().get(0))), RejectReason.MALFORMED_ARCHIVE, "out of order");
    }

    @Test
    void rejectsCentralDirectoryThatDisagreesWithTheEntries() throws Exception {
        byte[] valid = SporeFixtures.validSpore();
        String text = new String(valid, StandardCharsets.ISO_8859_1);
        int cen = text.lastIndexOf("conf/app.properties");
        byte[] renamed = valid.clone();
        renamed[cen] = 'C';
        assertRejected(renamed, RejectReason.MALFORMED_ARCHIVE, "does not match");
    }

    @Test
    void extractionRefusesANonEmptyTargetAndLeavesItAlone() throws Exception {
        Path file = SporeFixtures.write(dir, "ok.spore", SporeFixtures.validSpore());
        Path target = Files.createDirectories(runDir.resolve("app"));
        Files.writeString(target.resolve("mine.txt"), "keep me");
        SporeRejectedException e = catchThrowableOfType(SporeRejectedException.class, () -> SporeExtractor.extract(file, TRUST, target));
        assertThat(e.reason()).isEqualTo(RejectReason.IO_ERROR);
        assertThat(e.getMessage()).contains("already exists and is not empty");
        try (var left = Files.list(runDir)) {
            assertThat(left.toList()).containsExactly(target);
        }
        assertThat(Files.readString(target.resolve("mine.txt"))).isEqualTo("keep me");
    }
}
