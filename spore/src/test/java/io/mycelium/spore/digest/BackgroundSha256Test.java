package io.mycelium.spore.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

class BackgroundSha256Test {
    @Test
    void matchesAPlainSha256AcrossChunkBoundariesAndUnevenUpdates() {
        Random random = new Random(11);
        for (int size : new int[] {0, 1, (1 << 20) - 1, 1 << 20, (1 << 20) + 1, 5 * (1 << 20) + 12345}) {
            byte[] data = new byte[size];
            random.nextBytes(data);
            try (BackgroundSha256 sha = new BackgroundSha256()) {
                int off = 0;
                while (off < size) {
                    int n = Math.min(size - off, 1 + random.nextInt(300_000));
                    sha.update(data, off, n);
                    off += n;
                }
                assertThat(sha.finish()).as("%d bytes", size).isEqualTo(Digest.of(data));
                assertThat(sha.finish()).isEqualTo(Digest.of(data));
            }
        }
    }

    @Test
    void closingWithoutFinishingStopsTheThread() {
        BackgroundSha256 sha = new BackgroundSha256();
        sha.update(new byte[3 << 20], 0, 3 << 20);
        sha.close();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("spore-sha256") && t.isAlive()));
    }
}
