package io.mycelium.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InputBufferTest {

    private static ReadableByteChannel source(String s) {
        return Channels.newChannel(new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1)));
    }

    private static String unread(InputBuffer b) {
        return new String(b.array(), b.position(), b.buffered(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void readsThroughASmallerStagingBufferAndEndsWithMinusOne() throws Exception {
        InputBuffer b = new InputBuffer(16, 16);
        ReadableByteChannel ch = source("0123456789");
        ByteBuffer io = ByteBuffer.allocateDirect(4);
        assertThat(b.readFrom(ch, io, true)).isEqualTo(4);
        assertThat(b.readFrom(ch, io, true)).isEqualTo(4);
        assertThat(b.readFrom(ch, io, true)).isEqualTo(2);
        assertThat(b.readFrom(ch, io, true)).isEqualTo(-1);
        assertThat(unread(b)).isEqualTo("0123456789");
    }

    @Test
    void compactsOnlyWhenAllowedAndGrowsUpToItsMaximum() throws Exception {
        ByteBuffer io = ByteBuffer.allocate(64);
        InputBuffer fixed = new InputBuffer(8, 8);
        ReadableByteChannel ch = source("abcdefghijkl");
        assertThat(fixed.readFrom(ch, io, true)).isEqualTo(8);
        fixed.skip(3);
        // a parsed head still refers to the bytes: nothing moves, nothing more is read
        assertThat(fixed.hasSpace(false)).isFalse();
        assertThat(fixed.readFrom(ch, io, false)).isZero();
        assertThat(fixed.hasSpace(true)).isTrue();
        assertThat(fixed.readFrom(ch, io, true)).isEqualTo(3);
        assertThat(fixed.position()).isZero();
        assertThat(unread(fixed)).isEqualTo("defghijk");
        assertThat(fixed.hasSpace(true)).as("full of unread bytes, at its maximum").isFalse();

        InputBuffer growing = new InputBuffer(4, 10);
        ReadableByteChannel more = source("0123456789xyz");
        while (growing.hasSpace(true)) {
            assertThat(growing.readFrom(more, io, true)).isPositive();
        }
        assertThat(growing.array()).hasSize(10);
        assertThat(unread(growing)).isEqualTo("0123456789");
        assertThat(growing.full()).isTrue();
    }

    @Test
    void skipsOnlyWhatIsBufferedAndStartsOverWhenAllIsRead() throws Exception {
        InputBuffer b = new InputBuffer(8, 8);
        ByteBuffer io = ByteBuffer.allocate(8);
        ReadableByteChannel ch = source("abcdefgh12");
        b.readFrom(ch, io, true);
        assertThatThrownBy(() -> b.skip(9)).isInstanceOf(IllegalArgumentException.class);
        b.skip(8);
        assertThat(b.readFrom(ch, io, true)).isEqualTo(2);
        assertThat(b.position()).isZero();
        assertThat(unread(b)).isEqualTo("12");
    }
}
