package io.mycelium.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Latin1Test {
    @Test
    void writesLikeIso88591EncodingAtTheGivenIndex() {
        byte[] buf = new byte[32];
        buf[0] = 'x';
        String s = "Host: caf\u00e9 \u20ac\t1";
        int end = Latin1.write(s, buf, 1);
        assertThat(end).isEqualTo(1 + s.length());
        assertThat(new String(buf, 1, end - 1, StandardCharsets.ISO_8859_1)).isEqualTo(new String(s.getBytes(StandardCharsets.ISO_8859_1),
                StandardCharsets.ISO_8859_1));
        assertThat(buf[0]).isEqualTo((byte) 'x');
        assertThat(Latin1.write("", buf, 5)).isEqualTo(5);
    }
}
