package io.mycelium.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChunkDecoderTest {

    /** Decodes {@code body} fed {@code step} bytes at a time; returns the data and where the body ended. */
    static String decode(ChunkDecoder d, String body, int step, int[] end) throws ChunkDecoder.ChunkException {
        byte[] b = body.getBytes(StandardCharsets.ISO_8859_1);
        StringBuilder data = new StringBuilder();
        int at = 0;
        while (at < b.length && !d.done()) {
            int to = Math.min(b.length, at + step);
            at = d.decode(b, at, to, (x, off, len) -> data.append(new String(x, off, len, StandardCharsets.ISO_8859_1)));
        }
        end[0] = at;
        return data.toString();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 1000})
    void decodesInAnyPiecesAndStopsAtTheEndOfTheBody(int step) throws Exception {
        String body = "5;name=value\r\nhello\r\n1\r\n \r\nA\r\n0123456789\r\n0\r\nX-Trailer: t\r\n\r\n";
        ChunkDecoder d = new ChunkDecoder(false);
        int[] end = {0};
        assertThat(decode(d, body + "GET /next", step, end)).isEqualTo("hello 0123456789");
        assertThat(d.done()).isTrue();
        assertThat(d.decoded()).isEqualTo(16);
        assertThat(end[0]).as("the pipelined next request is left alone").isEqualTo(body.length());
    }

    @Test
    void anEmptyBodyIsTheLastChunkAlone() throws Exception {
        ChunkDecoder d = new ChunkDecoder(false);
        assertThat(decode(d, "0\r\n\r\n", 1, new int[1])).isEmpty();
        assertThat(d.done()).isTrue();
    }

    @Test
    void notDoneUntilTheTrailersEnd() throws Exception {
        ChunkDecoder d = new ChunkDecoder(false);
        decode(d, "3\r\nabc\r\n0\r\nX: y\r\n", 100, new int[1]);
        assertThat(d.done()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"zz\r\n", "3\r\nabcX\r\n", "3\nabc\r\n", "1234567890123456\r\n", "3;\u0001\r\n",
        "\r\n", "3\r\nabc\r\n0\r\nX\u0000: y\r\n\r\n", "3 \r\nabc\r\n", "3\r\nabc\n0\r\n\r\n", "0\r\n\r\r"})
    void strictModeRefusesMalformedFraming(String body) {
        assertThatThrownBy(() -> decode(new ChunkDecoder(false), body, 100, new int[1]))
                .isInstanceOf(ChunkDecoder.ChunkException.class)
                .satisfies(e -> assertThat(((ChunkDecoder.ChunkException) e).tooLarge()).isFalse());
    }

    @Test
    void lenientModeTakesBareLfAndBlanksAroundTheSize() throws Exception {
        ChunkDecoder d = new ChunkDecoder(true);
        assertThat(decode(d, " 3 ;x\nabc\n2\r\nde\r\n0\n\n", 1, new int[1])).isEqualTo("abcde");
        assertThat(d.done()).isTrue();
        assertThatThrownBy(() -> decode(new ChunkDecoder(true), "x\r\n", 1, new int[1]))
                .isInstanceOf(ChunkDecoder.ChunkException.class);
    }

    @Test
    void trailersAndExtensionsAreBounded() {
        String trailers = "0\r\n" + ("X-T: " + "t".repeat(1000) + "\r\n").repeat(17) + "\r\n";
        assertThatThrownBy(() -> decode(new ChunkDecoder(false), trailers, 4096, new int[1]))
                .isInstanceOf(ChunkDecoder.ChunkException.class)
                .satisfies(e -> assertThat(((ChunkDecoder.ChunkException) e).tooLarge()).isTrue());
        String extension = "1;" + "e".repeat(5000) + "\r\nx\r\n0\r\n\r\n";
        assertThatThrownBy(() -> decode(new ChunkDecoder(false), extension, 4096, new int[1]))
                .isInstanceOf(ChunkDecoder.ChunkException.class);
    }
}
