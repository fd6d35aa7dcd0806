package io.mycelium.spore.verify;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

import io.mycelium.spore.archive.ZipFormat;
import io.mycelium.spore.archive.ZipStoreWriter;
import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.key.SigningKey;
import io.mycelium.spore.key.TrustStore;
import io.mycelium.spore.manifest.HealthCheck;
import io.mycelium.spore.manifest.Identity;
import io.mycelium.spore.manifest.Manifest;
import io.mycelium.spore.manifest.ManifestCodec;
import io.mycelium.spore.manifest.Nutrients;
import io.mycelium.spore.manifest.PayloadFile;
import io.mycelium.spore.manifest.Provide;
import io.mycelium.spore.manifest.Runtime;
import io.mycelium.spore.manifest.RuntimeKind;
import io.mycelium.spore.sign.Envelope;

/** Keys, templates and a builder for hand-made (also hostile) spore archives, shared by the tests. */
public final class SporeFixtures {
    /** A fixed publisher key, so fuzz seeds made from it stay valid. */
    public static final SigningKey PUBLISHER = SigningKey.fromSeed(HexFormat.of().parseHex("4d7963656c69756d2d746573742d7075626c69736865722d6b65792d30303031"));
    public static final SigningKey STRANGER = SigningKey.fromSeed(HexFormat.of().parseHex("4d7963656c69756d2d746573742d737472616e6765722d6b65792d3030303031"));
    public static final TrustStore TRUST = TrustStore.of(PUBLISHER.verifyingKey());

    private SporeFixtures() {
    }

    public static Manifest template() {
        return Manifest.template(new Identity("billing", "1.0.0"), new Runtime(RuntimeKind.SCRIPT, null, List.of("--serve"), Map.of("GREETING", "hi")))
                .withProvides(List.of(new Provide("http", "http", "PORT")))
                .withNutrients(new Nutrients(250, 64))
                .withHealth(HealthCheck.http("/health"));
    }

    /** One payload entry of a hand-made archive. */
    public record Entry(String name, byte[] data, int mode, int method) {
        public static Entry file(String name, byte[] data) {
            return new Entry(name, data, ZipFormat.S_IFREG | 0644, ZipFormat.METHOD_STORED);
        }
    }

    public static PayloadFile bind(String name, byte[] data, boolean executable) {
        return new PayloadFile(name, Digest.of(data), data.length, executable);
    }

    /** A manifest binding exactly these entries (their names and bytes), the first as the command. */
    public static Manifest manifestFor(List<Entry> entries) {
        List<PayloadFile> files = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            files.add(bind(entries.get(i).name(), entries.get(i).data(), i == 0));
        }
        Manifest t = template();
        return t.withFiles(files, null, t.runtime().withCommand(files.get(0).path()));
    }

    public static byte[] envelope(byte[] manifestBytes, String payloadType, SigningKey key) {
        return Envelope.sign(payloadType, manifestBytes, key).toJson();
    }

    public static byte[] envelope(Manifest manifest, SigningKey key) {
        return envelope(ManifestCodec.write(manifest), ManifestCodec.MEDIA_TYPE, key);
    }

    /** A zip with the envelope first (if not null) and then these entries, exactly as given. */
    public static byte[] archive(byte[] envelopeJson, List<Entry> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ZipStoreWriter zip = new ZipStoreWriter(out);
        if (envelopeJson != null) {
            zip.entry(ZipFormat.ENVELOPE_ENTRY, envelopeJson, ZipFormat.S_IFREG | 0644);
        }
        for (Entry e : entries) {
            CRC32 crc = new CRC32();
            crc.update(e.data());
            zip.begin(e.name(), e.data().length, (int) crc.getValue(), e.mode(), e.method());
            zip.write(e.data(), 0, e.data().length);
        }
        zip.finish();
        return out.toByteArray();
    }

    /** The usual valid entries: an executable script, a config file. */
    public static List<Entry> validEntries() {
        return List.of(Entry.file("run.sh", "#!/bin/sh\necho hello\n".getBytes(StandardCharsets.UTF_8)),
                Entry.file("conf/app.properties", "greeting=hi\n".getBytes(StandardCharsets.UTF_8)));
    }

    /** A valid, signed spore of {@link #validEntries()} as bytes. */
    public static byte[] validSpore() throws IOException {
        List<Entry> entries = validEntries();
        return archive(envelope(manifestFor(entries), PUBLISHER), entries);
    }

    public static Path write(Path dir, String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }
}
