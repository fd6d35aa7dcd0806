package io.mycelium.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DecimalTest {

    private static String written(long v) {
        byte[] buf = new byte[24];
        buf[0] = 'x';
        int end = Decimal.write(v, buf, 1);
        assertThat(buf[0]).isEqualTo((byte) 'x');
        return new String(buf, 1, end - 1, StandardCharsets.US_ASCII);
    }

    @Test
    void writesWhatLongToStringWrites() {
        for (long v : new long[] {0, 1, 9, 10, 13, 99, 100, 16384, 999_999_999, 1_000_000_000, Integer.MAX_VALUE,
            Integer.MAX_VALUE + 1L, 999_999_999_999L, Long.MAX_VALUE, -1, -10, Long.MIN_VALUE}) {
            assertThat(written(v)).isEqualTo(Long.toString(v));
        }
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 10_000; i++) {
            long v = r.nextLong() >> r.nextInt(64);
            assertThat(written(v)).isEqualTo(Long.toString(v));
        }
    }
}
