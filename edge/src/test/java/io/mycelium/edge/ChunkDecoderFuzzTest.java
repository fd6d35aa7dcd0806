package io.mycelium.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Any bytes, fed in any pieces, decode to the same data as when fed whole, or fail the same way;
 * the decoder never hands out more bytes than it was given, and stops at the end of the body.
 */
class ChunkDecoderFuzzTest {

    @FuzzTest
    void decodesAnyBytesTheSameInAnyPieces(byte[] data) {
        if (data.length == 0) {
            return;
        }
        boolean lenient = (data[0] & 1) == 1;
        int step = 1 + ((data[0] & 0xff) >> 1);
        byte[] body = Arrays.copyOfRange(data, 1, data.length);
        Result whole = run(body, body.length == 0 ? 1 : body.length, lenient);
        Result pieces = run(body, step, lenient);
        assertThat(pieces.failed).isEqualTo(whole.failed);
        assertThat(pieces.done).isEqualTo(whole.done);
        if (!whole.failed) {
            assertThat(pieces.data).isEqualTo(whole.data);
            assertThat(pieces.end).isEqualTo(whole.end);
            assertThat(whole.data.length).isLessThanOrEqualTo(body.length);
            if (!whole.done) {
                assertThat(whole.end).isEqualTo(body.length);
            }
        }
    }

    private record Result(byte[] data, int end, boolean done, boolean failed) {
    }

    private static Result run(byte[] body, int step, boolean lenient) {
        ChunkDecoder d = new ChunkDecoder(lenient);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        try {
            while (at < body.length && !d.done()) {
                int to = Math.min(body.length, at + step);
                int next = d.decode(body, at, to, out::write);
                assertThat(next).isBetween(at, to);
                at = next;
            }
        } catch (ChunkDecoder.ChunkException e) {
            assertThat(e.getMessage()).isNotBlank();
            return new Result(null, at, false, true);
        }
        assertThat(d.decoded()).isEqualTo(out.size());
        return new Result(out.toByteArray(), at, d.done(), false);
    }
}
