package io.mycelium.spore.store;

import io.mycelium.spore.time.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mycelium.spore.digest.Digest;

class SporeRepoTest {
    @TempDir
    Path dir;

    private Path file(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private List<Path> tmpFiles(SporeRepo repo) throws IOException {
        try (Stream<Path> s = Files.list(repo.root().resolve("tmp"))) {
            return s.toList();
        }
    }

    @Test
    void putStoresUnderTheSha256OfTheBytesAndGetReturnsThem() throws IOException {
        SporeRepo repo = SporeRepo.open(dir.resolve("repo"));
        byte[] bytes = random(100_000, 1);
        Digest d = repo.put(file("a.spore", bytes));
        assertThat(d).isEqualTo(Digest.of(bytes));
        Path blob = repo.get(d, true);
        assertThat(blob).isEqualTo(dir.resolve("repo/blobs/sha256/" + d.hex()));
        assertThat(Files.readAllBytes(blob)).isEqualTo(bytes);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(blob))).isEqualTo("r--r--r--");
        try (InputStream in = repo.open(d, true)) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
        assertThat(repo.contains(d)).isTrue();
        assertThat(repo.list()).containsExactly(d);
        assertThat(tmpFiles(repo)).isEmpty();
    }

    @Test
    void puttingTheSameBytesAgainIsANoOp() throws IOException {
        SporeRepo repo = SporeRepo.open(dir.resolve("repo"));
        Path f = file("a.spore", random(5000, 2));
        Digest first = repo.put(f);
        FileTime stamp = Files.getLastModifiedTime(repo.blobPath(first));
        assertThat(repo.put(f)).isEqualTo(first);
        assertThat(repo.put(new ByteArrayInputStream(Files.readAllBytes(f)), first)).isEqualTo(first);
        assertThat(repo.list()).containsExactly(first);
        assertThat(Files.getLastModifiedTime(repo.blobPath(first))).isEqualTo(stamp);
        assertThat(tmpFiles(repo)).isEmpty();
    }

    @Test
    void streamedPutWithTheWrongDigestStoresNothing() throws IOException {
        SporeRepo repo = SporeRepo.open(dir.resolve("repo"));
        byte[] bytes = random(70_000, 3);
        Digest wrong = Digest.of("something else".getBytes());
        assertThatThrownBy(() -> repo.put(new ByteArrayInputStream(bytes), wrong))
                .isInstanceOfSatisfying(DigestMismatchException.class, e -> {
                    assertThat(e.expected()).isEqualTo(wrong);
                    assertThat(e.actual()).isEqualTo(Digest.of(bytes));
                });
        assertThat(repo.list()).isEmpty();
        assertThat(tmpFiles(repo)).isEmpty();
    }

    @Test
    void reverifyingReadsCatchABlobThatChangedOnDisk() throws IOException {
        SporeRepo repo = SporeRepo.open(dir.resolve("repo"));
        byte[] bytes = random(4096, 4);
        Digest d = repo.put(file("a.spore", bytes));
        Path blob = repo.blobPath(d);
        Files.setPosixFilePermissions(blob, PosixFilePermissions.fromString("rw-r--r--"));
        bytes[100] ^= 1;
        Files.write(blob, bytes);
        assertThat(repo.get(d, false)).isEqualTo(blob);
        assertThatThrownBy(() -> repo.get(d, true)).isInstanceOf(DigestMismatchException.class).hasMessageContaining(d.toString());
        try (InputStream in = repo.open(d, true)) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(DigestMismatchException.class);
        }
    }

    @Test
    void missingDigestIsAClearNotFound() throws IOException {
        SporeRepo repo = SporeRepo.open(dir.resolve("repo"));
        Digest d = Digest.of(new byte[] {1});
        assertThatThrownBy(() -> repo.get(d, false)).isInstanceOf(SporeNotFoundException.class).hasMessageContaining("no spore " + d);
        assertThatThrownBy(() -> repo.open(d, false)).isInstanceOf(SporeNotFoundException.class);
        assertThat(repo.remove(d)).isFalse();
    }

    @Test
    void removeDeletesAnUnpinnedBlobAndRefusesAPinnedOne() throws IOException {
        SporeRepo repo = SporeRepo.open(dir.resolve("repo"));
        Digest a = repo.put(file("a", random(10, 5)));
        Digest b = repo.put(file("b", random(10, 6)));
        repo.pin("billing@1.0.0", b);
        assertThat(repo.refs()).isEqualTo(Map.of("billing@1.0.0", b));
        assertThat(repo.remove(a)).isTrue();
        assertThatThrownBy(() -> repo.remove(b)).hasMessageContaining("pinned by ref 'billing@1.0.0'");
        assertThat(repo.list()).containsExactly(b);
        assertThat(repo.unpin("billing@1.0.0")).isTrue();
        assertThat(repo.remove(b)).isTrue();
        assertThat(repo.list()).isEmpty();
        assertThatThrownBy(() -> repo.pin("../escape", a)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> repo.pin("x", a)).isInstanceOf(SporeNotFoundException.class);
    }

    @Test
    void gcKeepsWhatRefsAndTheCallerNameAndRemovesTheRestAndStaleTemps() throws IOException {
        Instant now = Instant.parse("2026-11-28T12:00:00Z");
        SporeRepo repo = SporeRepo.open(dir.resolve("repo"), new ManualClock(now));
        Digest pinned = repo.put(file("p", random(1000, 7)));
        Digest inUse = repo.put(file("u", random(2000, 8)));
        Digest garbage = repo.put(file("g", random(3000, 9)));
        repo.pin("keep", pinned);
        Path stale = Files.writeString(repo.root().resolve("tmp/put-stale.tmp"), "half a spore");
        Files.setLastModifiedTime(stale, FileTime.from(now.minus(SporeRepo.STALE_TEMP).minusSeconds(1)));
        Path fresh = Files.writeString(repo.root().resolve("tmp/put-fresh.tmp"), "a put in flight");
        Files.setLastModifiedTime(fresh, FileTime.from(now.minusSeconds(10)));

        GcResult result = repo.gc(Set.of(inUse));

        assertThat(result.removed()).containsExactly(garbage);
        assertThat(result.kept()).containsExactlyInAnyOrder(pinned, inUse);
        assertThat(result.freedBytes()).isEqualTo(3000);
        assertThat(repo.list()).containsExactlyInAnyOrder(pinned, inUse);
        assertThat(stale).doesNotExist();
        assertThat(fresh).exists();
        assertThat(repo.gc(Set.of()).removed()).containsExactly(inUse);
        assertThat(repo.list()).containsExactly(pinned);
    }

    @Test
    void concurrentPutsOfTheSameAndOfDifferentBytesAllLandWhole() throws Exception {
        SporeRepo repo = SporeRepo.open(dir.resolve("repo"));
        int threads = 8;
        byte[] shared = random(300_000, 10);
        List<byte[]> own = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            own.add(random(50_000 + i, 100 + i));
        }
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Digest>>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int n = i;
                results.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    List<Digest> mine = new ArrayList<>();
                    for (int round = 0; round < 5; round++) {
                        mine.add(repo.put(new ByteArrayInputStream(shared), Digest.of(shared)));
                        mine.add(repo.put(new ByteArrayInputStream(own.get(n)), Digest.of(own.get(n))));
                    }
                    return mine;
                }));
            }
            Set<Digest> all = new HashSet<>();
            for (Future<List<Digest>> f : results) {
                all.addAll(f.get(60, TimeUnit.SECONDS));
            }
            Set<Digest> expected = new HashSet<>();
            expected.add(Digest.of(shared));
            own.forEach(b -> expected.add(Digest.of(b)));
            assertThat(all).isEqualTo(expected);
            assertThat(repo.list()).containsExactlyInAnyOrderElementsOf(expected);
            for (Digest d : repo.list()) {
                assertThat(Digest.ofFile(repo.blobPath(d))).isEqualTo(d);
            }
            assertThat(tmpFiles(repo)).isEmpty();
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aRepoPathThatIsAFileIsRefusedWithOneLine() throws IOException {
        Path notDir = file("repo", new byte[] {1});
        assertThatThrownBy(() -> SporeRepo.open(notDir)).isInstanceOf(IOException.class).hasMessage(notDir + ": repo is not a directory");
    }
}
