package io.mycelium.agent.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.manifest.Identity;
import io.mycelium.spore.manifest.Manifest;
import io.mycelium.spore.manifest.RuntimeKind;
import io.mycelium.spore.manifest.RuntimeSpec;
import io.mycelium.spore.pack.PackedSpore;
import io.mycelium.testing.TestSpores;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upload throughput of {@code PUT /v1/spores/{digest}} (stream to staging while verifying and
 * hashing, then into the repository) against the bare work it cannot avoid, measured in the same
 * run on the same file: one copy of the file plus one SHA-256 of it. Not part of the normal run:
 * {@code ./mvnw -pl agent -am test -Dsurefire.failIfNoSpecifiedTests=false -Dtest=SporeUploadBenchmark -Dsurefire.excludedGroups=none}.
 * Size: {@code -Dbench.mib=64} (default), rounds: {@code -Dbench.rounds=7}.
 */
@Tag("benchmark")
class SporeUploadBenchmark {
    @TempDir
    Path dir;

    @Test
    void uploadAgainstCopyPlusHash() throws Exception {
        int mib = Integer.getInteger("bench.mib", 64);
        int rounds = Integer.getInteger("bench.rounds", 7);
        Path payload = dir.resolve("payload.bin");
        byte[] block = new byte[1 << 20];
        SplittableRandom random = new SplittableRandom(42);
        try (OutputStream out = Files.newOutputStream(payload)) {
            for (int i = 0; i < mib; i++) {
                for (int j = 0; j < block.length; j++) {
                    block[j] = (byte) random.nextInt();
                }
                out.write(block);
            }
        }
        Manifest template = Manifest.template(new Identity("big", "1.0.0"), new RuntimeSpec(RuntimeKind.NATIVE, null, List.of(), Map.of()));
        PackedSpore spore = TestSpores.pack(dir, template, List.of(payload), FakeAgent.PUBLISHER);
        long size = Files.size(spore.path());

        FakeAgent fake = new FakeAgent(dir.resolve("agent"));
        List<Double> upload = new ArrayList<>();
        List<Double> reference = new ArrayList<>();
        try (ApiServer api = new ApiServer(fake, ApiConfig.open().withToken("0123456789abcdef0123456789abcdef", false))) {
            for (int round = -1; round < rounds; round++) {
                long t0 = System.nanoTime();
                Path copy = dir.resolve("copy.spore");
                Files.copy(spore.path(), copy);
                Digest d = Digest.ofFile(copy);
                long t1 = System.nanoTime();
                Files.delete(copy);
                assertThat(d).isEqualTo(spore.digest());

                long t2 = System.nanoTime();
                HttpResponse<String> r = api.send(api.request("/v1/spores/" + spore.digest())
                        .header("Authorization", "Bearer 0123456789abcdef0123456789abcdef")
                        .PUT(HttpRequest.BodyPublishers.ofFile(spore.path())).build());
                long t3 = System.nanoTime();
                assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
                fake.spores().remove(spore.digest());
                if (round >= 0) {
                    reference.add((t1 - t0) / 1e6);
                    upload.add((t3 - t2) / 1e6);
                }
            }
        }
        double ref = median(reference);
        double up = median(upload);
        String report = String.format(Locale.ROOT, """
                spore upload benchmark: %d MiB payload, spore %d bytes, %d rounds (median, ms)
                | reference: copy + sha256 of the file | %.1f | %.0f MiB/s |
                | PUT /v1/spores (verify + hash + stage + repo put with fsync) | %.1f | %.0f MiB/s |
                ratio PUT / reference: %.2fx (min/max PUT %.1f/%.1f ms, reference %.1f/%.1f ms)
                """, mib, size, rounds, ref, size / 1048576.0 / (ref / 1000), up, size / 1048576.0 / (up / 1000), up / ref,
                Collections.min(upload), Collections.max(upload), Collections.min(reference), Collections.max(reference));
        System.out.println(report);
        Files.writeString(Path.of("target", "bench-upload.txt"), report);
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
