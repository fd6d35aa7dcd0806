package io.mycelium.edge.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResponseHeadParserTest {

    static HttpInput input(String s) {
        return new HttpInput(new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1)), 7);
    }

    @Test
    void parsesFramingAndKeepAlive() throws IOException {
        ResponseHead h = ResponseHeadParser.read(input("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-A: b \r\n\r\n"), false);
        assertThat(h.status()).isEqualTo(200);
        assertThat(h.contentLength()).isEqualTo(5);
        assertThat(h.keepAlive()).isTrue();
        assertThat(h.headers()).contains(new ResponseHead.Field("X-A", "b"));

        ResponseHead chunked = ResponseHeadParser.read(input("HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\nContent-Length: 9\r\n\r\n"), false);
        assertThat(chunked.chunked()).isTrue();
        assertThat(chunked.contentLength()).isEqualTo(-1);

        ResponseHead close = ResponseHeadParser.read(input("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 1\r\n\r\n"), false);
        assertThat(close.keepAlive()).isFalse();

        ResponseHead untilClose = ResponseHeadParser.read(input("HTTP/1.1 200 OK\r\n\r\n"), false);
        assertThat(untilClose.untilClose()).isTrue();
        assertThat(untilClose.keepAlive()).isFalse();

        ResponseHead http10 = ResponseHeadParser.read(input("HTTP/1.0 200 OK\nContent-Length: 0\n\n"), false);
        assertThat(http10.keepAlive()).isFalse();

        ResponseHead head = ResponseHeadParser.read(input("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n"), true);
        assertThat(head.noBody()).isTrue();
        assertThat(head.keepAlive()).isTrue();
        assertThat(ResponseHeadParser.read(input("HTTP/1.1 204 No Content\r\n\r\n"), false).noBody()).isTrue();
    }

    @Test
    void relayModeCopiesTheRelayedFieldsAsReceivedAndDropsTheRest() throws IOException {
        String head = "HTTP/1.1 100 Continue\r\nX-Interim: 1\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nDate: x\r\nserver: s\r\nConnection: keep-alive\r\n"
                + "Keep-Alive: timeout=5\r\nX-Request-Id: up\r\nSet-Cookie: a=1\r\nTransfer-Encoding: chunked\r\n"
                + "x-long:  " + "v".repeat(100) + "  \r\n\r\n";
        RequestHead relay = new RequestHead();
        ResponseHead h = ResponseHeadParser.read(input(head), false, relay);
        assertThat(h.status()).isEqualTo(200);
        assertThat(h.chunked()).isTrue();
        assertThat(h.keepAlive()).isTrue();
        assertThat(h.headers()).isEmpty();
        assertThat(relay.toString()).isEqualTo("Content-Type: text/plain\r\nSet-Cookie: a=1\r\nx-long:  "
                + "v".repeat(100) + "\r\n");
        // the same framing as the string mode
        ResponseHead strings = ResponseHeadParser.read(input(head), false);
        assertThat(strings.contentLength()).isEqualTo(h.contentLength());
        assertThat(strings.keepAlive()).isEqualTo(h.keepAlive());
    }

    @Test
    void parsesLinesLongerThanTheBufferAndLeavesTheBodyBuffered() throws IOException {
        String longValue = "v".repeat(12_000);
        HttpInput in = new HttpInput(new ByteArrayInputStream(("HTTP/1.1 200 OK\r\nX-Long: " + longValue
                + "\r\nX-Tab:\t a\tb \r\nContent-Length: 4\r\n\r\nbody").getBytes(StandardCharsets.ISO_8859_1)), 16);
        ResponseHead h = ResponseHeadParser.read(in, false);
        assertThat(h.headers()).containsExactly(new ResponseHead.Field("X-Long", longValue),
                new ResponseHead.Field("X-Tab", "a\tb"), new ResponseHead.Field("Content-Length", "4"));
        byte[] body = new byte[4];
        assertThat(in.read(body, 0, 4)).isEqualTo(4);
        assertThat(new String(body, StandardCharsets.ISO_8859_1)).isEqualTo("body");
    }

    @Test
    void refusesAHeaderLineLongerThanTheLimit() {
        String line = "X-Long: " + "v".repeat(ResponseHeadParser.MAX_LINE);
        assertThatThrownBy(() -> ResponseHeadParser.read(input("HTTP/1.1 200 OK\r\n" + line + "\r\n\r\n"), false))
                .isInstanceOf(MalformedResponseException.class).hasMessageContaining("longer than");
    }

    @Test
    void skipsInterimResponses() throws IOException {
        ResponseHead h = ResponseHeadParser.read(input("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: x\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"), false);
        assertThat(h.status()).isEqualTo(200);
    }

    @Test
    void endOfStreamBeforeAnyByteIsNull() throws IOException {
        assertThat(ResponseHeadParser.read(input(""), false)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SSH-2.0-OpenSSH\r\n\r\n", "HTTP/2 200 OK\r\n\r\n", "HTTP/1.1 20 OK\r\n\r\n", "HTTP/1.1 2000 OK\r\n\r\n",
        "HTTP/1.1 abc OK\r\n\r\n", "HTTP/1.1 200 OK\r\nNoColon\r\n\r\n", "HTTP/1.1 200 OK\r\nBad Name: x\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
        "HTTP/1.1 200 OK\r\nX: a\u0001b\r\n\r\n", "HTTP/1.1 101 Switching Protocols\r\n\r\n", "HTTP/1.1 099 X\r\n\r\n"})
    void refusesMalformedHeads(String raw) {
        assertThatThrownBy(() -> ResponseHeadParser.read(input(raw), false)).isInstanceOf(MalformedResponseException.class);
    }

    @Test
    void refusesOversizedHeads() {
        String big = "HTTP/1.1 200 OK\r\n" + ("X-A: " + "a".repeat(1000) + "\r\n").repeat(70) + "\r\n";
        assertThatThrownBy(() -> ResponseHeadParser.read(input(big), false)).isInstanceOf(MalformedResponseException.class);
        String longLine = "HTTP/1.1 200 OK\r\nX: " + "a".repeat(20_000) + "\r\n\r\n";
        assertThatThrownBy(() -> ResponseHeadParser.read(input(longLine), false)).isInstanceOf(MalformedResponseException.class);
    }

    @Test
    void truncatedHeadIsEndOfStream() {
        assertThatThrownBy(() -> ResponseHeadParser.read(input("HTTP/1.1 200 OK\r\nX: y\r\n"), false))
                .isInstanceOf(java.io.EOFException.class);
    }

    @Test
    void chunkedOutputFramesAndTerminates() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        ChunkedOutputStream out = new ChunkedOutputStream(sink);
        out.write("hello".getBytes(StandardCharsets.ISO_8859_1));
        out.write(new byte[0], 0, 0);
        out.write('!');
        out.finish();
        assertThat(sink.toString(StandardCharsets.ISO_8859_1)).isEqualTo("5\r\nhello\r\n1\r\n!\r\n0\r\n\r\n");
    }
}
