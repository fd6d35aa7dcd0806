package io.mycelium.spore.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.extract.SporeExtractor;
import io.mycelium.spore.pack.PackedSpore;
import io.mycelium.spore.pack.SporePacker;
import io.mycelium.spore.verify.SporeFixtures;
import io.mycelium.spore.verify.SporeVerifier;

/**
 * Packs, verifies and extracts a spore with a 100 MB payload and, in the same run on the same
 * files, measures the physical bound: {@code sha256sum} of the payload plus {@code cp} of it. Not
 * part of the normal build (tag {@code benchmark}); run it with
 * <pre>./mvnw -q -pl spore test -Dtest=SporeBenchmark -Dsurefire.excludedGroups= -Dgroups=benchmark</pre>
 * The figures are printed and written to {@code spore/target/spore-benchmark.md}.
 */
@Tag("benchmark")
class SporeBenchmark {
    private static final int MB = 1 << 20;
    private static final int SIZE = 100 * MB;
    private static final int WARMUP = 2;
    private static final int ROUNDS = 9;

    @Test
    void packVerifyExtractAgainstSha256sumPlusCopy() throws Exception {
        Path work = Path.of("target", "bench").toAbsolutePath();
        deleteTree(work);
        Files.createDirectories(work);
        try {
            run(work);
        } finally {
            deleteTree(work);
        }
    }

    private void run(Path work) throws Exception {
        Path payload = work.resolve("payload.bin");
        byte[] data = new byte[SIZE];
        new SplittableRandom(7).nextBytes(data);
        Files.write(payload, data);

        Path out = work.resolve("out");
        Path copy = work.resolve("copy.bin");
        Path target = work.resolve("run/app");
        PackedSpore[] packed = new PackedSpore[1];
        // The machine is shared, so load drifts: every round runs every measurement once, in turn,
        // and each figure is the median over the rounds, so drift hits the bound and ours alike.
        Map<String, List<Long>> times = new LinkedHashMap<>();
        for (int round = 0; round < WARMUP + ROUNDS; round++) {
            boolean keep = round >= WARMUP;
            // 1 MiB updates, as the reader does: one 100 MB update would run the block loop interpreted
            measure(times, keep, "javaSha", () -> {
                MessageDigest md = Digest.newSha256();
                for (int off = 0; off < SIZE; off += MB) {
                    md.update(data, off, MB);
                }
                md.digest();
            });
            measure(times, keep, "openssl", () -> exec("openssl", "dgst", "-sha256", payload.toString()));
            measure(times, keep, "sha256sum", () -> exec("sha256sum", payload.toString()));
            measure(times, keep, "cp", () -> exec("cp", payload.toString(), copy.toString()));
            delete(copy);
            measure(times, keep, "cpSync", () -> {
                exec("cp", payload.toString(), copy.toString());
                exec("sync", copy.toString());
            });
            delete(copy);
            measure(times, keep, "pack", () -> packed[0] = SporePacker.pack(SporeFixtures.template(), List.of(payload), SporeFixtures.PUBLISHER, out));
            measure(times, keep, "verify", () -> SporeVerifier.verify(packed[0].path(), SporeFixtures.TRUST));
            measure(times, keep, "extract", () -> SporeExtractor.extract(packed[0].path(), SporeFixtures.TRUST, target));
            assertThat(Digest.ofFile(target.resolve("payload.bin"))).isEqualTo(Digest.ofFile(payload));
            deleteTree(target);
        }
        long javaSha = median(times.get("javaSha"));
        long openssl = median(times.get("openssl"));
        long sha256sum = median(times.get("sha256sum"));
        long cp = median(times.get("cp"));
        long cpSync = median(times.get("cpSync"));
        long pack = median(times.get("pack"));
        long verify = median(times.get("verify"));
        long extract = median(times.get("extract"));
        long bound = sha256sum + cp;
        long boundSync = sha256sum + cpSync;
        long strict = Math.min(sha256sum, Math.min(openssl, javaSha)) + cp;

        String report = report(javaSha, openssl, sha256sum, cp, cpSync, bound, boundSync, strict, pack, verify, extract);
        System.out.println(report);
        Files.writeString(Path.of("target", "spore-benchmark.md"), report, StandardCharsets.UTF_8);
    }

    private String report(long javaSha, long openssl, long sha256sum, long cp, long cpSync, long bound, long boundSync, long strict, long pack,
            long verify, long extract) throws Exception {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst().orElse("?")
                .replaceFirst("model name\\s*:\\s*", "");
        boolean shaNi = Files.readString(Path.of("/proc/cpuinfo")).contains(" sha_ni");
        StringBuilder b = new StringBuilder();
        b.append("date: ").append(Instant.now()).append('\n');
        b.append("machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cpus, ").append(cpu).append(", sha_ni=").append(shaNi).append('\n');
        b.append("jvm: ").append(System.getProperty("java.vm.version")).append('\n');
        b.append("load average before: ").append(Files.readString(Path.of("/proc/loadavg")).trim()).append('\n');
        b.append("payload: ").append(SIZE / MB).append(" MiB random; page cache warm; median of ").append(ROUNDS).append(" interleaved rounds after ").append(WARMUP)
                .append(" warm-up rounds\n\n");
        b.append("| measurement | ms | MiB/s |\n|---|---:|---:|\n");
        row(b, "Java SHA-256 (MessageDigest, in memory, 1 MiB updates)", javaSha);
        row(b, "openssl dgst -sha256 payload", openssl);
        row(b, "sha256sum payload", sha256sum);
        row(b, "cp payload copy", cp);
        row(b, "cp payload copy + sync copy", cpSync);
        row(b, "**bound** = sha256sum + cp", bound);
        row(b, "bound with sync = sha256sum + cp + sync", boundSync);
        row(b, "strict bound = fastest sha256 here + cp", strict);
        row(b, "pack (bind + sign + write + fsync)", pack);
        row(b, "verify (one pass, no writes)", verify);
        row(b, "verify + extract (one pass)", extract);
        b.append('\n');
        b.append(String.format("verify + extract / bound = %.2fx (target <= 1.25x)%n", (double) extract / bound));
        b.append(String.format("verify + extract / strict bound = %.2fx%n", (double) extract / strict));
        b.append(String.format("verify only / bound = %.2fx%n", (double) verify / bound));
        b.append(String.format("pack / bound = %.2fx; pack / bound with sync = %.2fx; pack / strict bound = %.2fx%n", (double) pack / bound,
                (double) pack / boundSync, (double) pack / strict));
        return b.toString();
    }

    private static void row(StringBuilder b, String name, long nanos) {
        double ms = nanos / 1e6;
        b.append(String.format("| %s | %.1f | %.0f |%n", name, ms, (SIZE / (double) MB) / (nanos / 1e9)));
    }

    interface Action {
        void run() throws Exception;
    }

    private static void measure(Map<String, List<Long>> times, boolean keep, String name, Action action) throws Exception {
        long t0 = System.nanoTime();
        action.run();
        long t = System.nanoTime() - t0;
        if (keep) {
            times.computeIfAbsent(name, k -> new ArrayList<>()).add(t);
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static void exec(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed");
            }
        } finally {
            p.destroyForcibly();
        }
    }

    private static void delete(Path p) throws IOException {
        Files.deleteIfExists(p);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Collections.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
