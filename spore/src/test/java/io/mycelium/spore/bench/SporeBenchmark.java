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
import java.util.function.Supplier;
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
    private static final int ROUNDS = 7;

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

        // 1 MiB updates, as the reader does: one 100 MB update would run the block loop interpreted
        long javaSha = median(() -> timed(() -> {
            MessageDigest md = Digest.newSha256();
            for (int off = 0; off < SIZE; off += MB) {
                md.update(data, off, MB);
            }
            md.digest();
        }));
        long openssl = median(() -> timed(() -> exec("openssl", "dgst", "-sha256", payload.toString())));

        long sha256sum = median(() -> timed(() -> exec("sha256sum", payload.toString())));
        long cp = median(() -> timed(() -> {
            exec("cp", payload.toString(), work.resolve("copy.bin").toString());
            delete(work.resolve("copy.bin"));
        }, () -> delete(work.resolve("copy.bin"))));
        long cpSync = median(() -> timed(() -> {
            exec("cp", payload.toString(), work.resolve("copy.bin").toString());
            exec("sync", work.resolve("copy.bin").toString());
        }, () -> delete(work.resolve("copy.bin"))));
        long bound = sha256sum + cp;
        long boundSync = sha256sum + cpSync;
        long strict = Math.min(sha256sum, Math.min(openssl, javaSha)) + cp;

        Path out = work.resolve("out");
        PackedSpore[] packed = new PackedSpore[1];
        long pack = median(() -> timed(() -> packed[0] = SporePacker.pack(SporeFixtures.template(), List.of(payload), SporeFixtures.PUBLISHER, out)));
        Path spore = packed[0].path();
        long verify = median(() -> timed(() -> SporeVerifier.verify(spore, SporeFixtures.TRUST)));
        Path target = work.resolve("run/app");
        long extract = median(() -> timed(() -> SporeExtractor.extract(spore, SporeFixtures.TRUST, target), () -> deleteTree(target)));
        SporeExtractor.extract(spore, SporeFixtures.TRUST, target);
        assertThat(Digest.ofFile(target.resolve("payload.bin"))).isEqualTo(Digest.ofFile(payload));

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
        b.append("payload: ").append(SIZE / MB).append(" MiB random; page cache warm; median of ").append(ROUNDS).append(" rounds after ").append(WARMUP)
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

    private static Supplier<Long> timed(Action action) {
        return timed(action, () -> {
        });
    }

    /** Times {@code action}; {@code reset} runs untimed after each round. */
    private static Supplier<Long> timed(Action action, Action reset) {
        return () -> {
            try {
                long t0 = System.nanoTime();
                action.run();
                long t = System.nanoTime() - t0;
                reset.run();
                return t;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private static long median(Supplier<Supplier<Long>> make) {
        Supplier<Long> round = make.get();
        for (int i = 0; i < WARMUP; i++) {
            round.get();
        }
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            times.add(round.get());
        }
        Collections.sort(times);
        return times.get(ROUNDS / 2);
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
