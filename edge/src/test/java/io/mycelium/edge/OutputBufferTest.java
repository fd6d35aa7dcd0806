package io.mycelium.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OutputBufferTest {

    /** A channel that takes at most {@code step} bytes per write. */
    static final class Trickle implements WritableByteChannel {
        final ByteArrayOutputStream taken = new ByteArrayOutputStream();
        final int step;

        Trickle(int step) {
            this.step = step;
        }

        @Override
        public int write(ByteBuffer src) {
            int n = Math.min(step, src.remaining());
            byte[] b = new byte[n];
            src.get(b);
            taken.write(b, 0, n);
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void writesFieldsNumbersAndHexAsIso88591WithCrlf() {
        OutputBuffer b = new OutputBuffer(8).field("Host", "a:1").append("n=").append(-42L).append(" h=")
                .appendHex(0).append(",").appendHex(255).append(",").appendHex(0x10000).crlf();
        assertThat(b.toString()).isEqualTo("Host: a:1\r\nn=-42 h=0,ff,10000\r\n");
        assertThat(b.pending()).isEqualTo(b.toString().length());
    }

    @Test
    void replacesCharactersOutsideLatin1LikeTheCharsetDoes() {
        String text = "caf\u00e9 a\u20acb\u4e2d";
        assertThat(new OutputBuffer().append(text).toString())
                .isEqualTo(new String(text.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1));
    }

    @Test
    void whatTheChannelDoesNotTakeStaysForTheNextWriteInOrder() throws Exception {
        OutputBuffer b = new OutputBuffer(4);
        Trickle ch = new Trickle(3);
        // a staging buffer smaller than what is pending: at most its size per write
        ByteBuffer io = ByteBuffer.allocateDirect(5);
        b.append("0123456789");
        assertThat(b.writeTo(ch, io)).isEqualTo(3);
        assertThat(b.pending()).isEqualTo(7);
        // appended while part is unsent: goes after it
        b.append("abcdefghij".repeat(3));
        while (!b.isEmpty()) {
            b.writeTo(ch, io);
        }
        assertThat(ch.taken.toString(StandardCharsets.ISO_8859_1)).isEqualTo("0123456789" + "abcdefghij".repeat(3));
        assertThat(b.writeTo(ch, io)).isZero();
    }

    @Test
    void appendsAnotherBuffersUnsentBytesAndResets() throws Exception {
        OutputBuffer relayed = new OutputBuffer().append("X-A: 1\r\n");
        OutputBuffer out = new OutputBuffer().append("HTTP/1.1 200 OK\r\n").append(relayed);
        assertThat(out.toString()).isEqualTo("HTTP/1.1 200 OK\r\nX-A: 1\r\n");
        assertThat(out.reset().isEmpty()).isTrue();
        assertThat(out.append("next").toString()).isEqualTo("next");
    }
}
