package io.mycelium.edge.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mycelium.edge.OutputBuffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResponseHeadParserTest {

    /** Parses a whole head given as a string (fields as strings). */
    static ResponseHead read(String s, boolean headRequest) throws MalformedResponseException {
        return ResponseHeadParser.parse(s, headRequest);
    }

    /** Parses as the event loop does: the bytes arrive {@code step} at a time, the parse is retried. */
    static ResponseHead readInSteps(String s, int step, OutputBuffer relay, int[] end) throws MalformedResponseException {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        ResponseHeadParser parser = new ResponseHeadParser();
        for (int have = Math.min(step, b.length); ; have = Math.min(have + step, b.length)) {
            ResponseHead h = parser.parse(b, 0, have, false, relay);
            if (h != null || have == b.length) {
                end[0] = h == null ? -1 : parser.end();
                return h;
            }
        }
    }

    @Test
    void parsesFramingAndKeepAlive() throws IOException {
        ResponseHead h = read("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-A: b \r\n\r\n", false);
        assertThat(h.status()).isEqualTo(200);
        assertThat(h.contentLength()).isEqualTo(5);
        assertThat(h.keepAlive()).isTrue();
        assertThat(h.headers()).contains(new ResponseHead.Field("X-A", "b"));

        ResponseHead chunked = read("HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\nContent-Length: 9\r\n\r\n", false);
        assertThat(chunked.chunked()).isTrue();
        assertThat(chunked.contentLength()).isEqualTo(-1);

        ResponseHead close = read("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 1\r\n\r\n", false);
        assertThat(close.keepAlive()).isFalse();

        ResponseHead untilClose = read("HTTP/1.1 200 OK\r\n\r\n", false);
        assertThat(untilClose.untilClose()).isTrue();
        assertThat(untilClose.keepAlive()).isFalse();

        ResponseHead http10 = read("HTTP/1.0 200 OK\nContent-Length: 0\n\n", false);
        assertThat(http10.keepAlive()).isFalse();

        ResponseHead head = read("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n", true);
        assertThat(head.noBody()).isTrue();
        assertThat(head.keepAlive()).isTrue();
        assertThat(read("HTTP/1.1 204 No Content\r\n\r\n", false).noBody()).isTrue();
    }

    @Test
    void relayModeCopiesTheRelayedFieldsAsReceivedAndDropsTheRest() throws IOException {
        String head = "HTTP/1.1 100 Continue\r\nX-Interim: 1\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nDate: x\r\nserver: s\r\nConnection: keep-alive\r\n"
                + "Keep-Alive: timeout=5\r\nX-Request-Id: up\r\nSet-Cookie: a=1\r\nTransfer-Encoding: chunked\r\n"
                + "x-long:  " + "v".repeat(100) + "  \r\n\r\n";
        OutputBuffer relay = new OutputBuffer();
        int[] end = {0};
        ResponseHead h = readInSteps(head, 7, relay, end);
        assertThat(end[0]).isEqualTo(head.length());
        assertThat(h.status()).isEqualTo(200);
        assertThat(h.chunked()).isTrue();
        assertThat(h.keepAlive()).isTrue();
        assertThat(h.headers()).isEmpty();
        assertThat(relay.toString()).isEqualTo("Content-Type: text/plain\r\nSet-Cookie: a=1\r\nx-long:  "
                + "v".repeat(100) + "\r\n");
        // the same framing as the string mode
        ResponseHead strings = read(head, false);
        assertThat(strings.contentLength()).isEqualTo(h.contentLength());
        assertThat(strings.keepAlive()).isEqualTo(h.keepAlive());
    }

    @Test
    void parsesAHeadArrivingInPiecesAndSaysWhereTheBodyStarts() throws IOException {
        String longValue = "v".repeat(12_000);
        String head = "HTTP/1.1 200 OK\r\nX-Long: " + longValue + "\r\nX-Tab:\t a\tb \r\nContent-Length: 4\r\n\r\n";
        OutputBuffer relay = new OutputBuffer();
        int[] end = {0};
        ResponseHead h = readInSteps(head + "body", 16, relay, end);
        assertThat(h.contentLength()).isEqualTo(4);
        assertThat(end[0]).isEqualTo(head.length());
        assertThat(relay.toString()).isEqualTo("X-Long: " + longValue + "\r\nX-Tab:\t a\tb\r\n");
        assertThat(read(head, false).headers()).containsExactly(new ResponseHead.Field("X-Long", longValue),
                new ResponseHead.Field("X-Tab", "a\tb"), new ResponseHead.Field("Content-Length", "4"));
    }

    @Test
    void refusesAHeaderLineLongerThanTheLimit() {
        String line = "X-Long: " + "v".repeat(ResponseHeadParser.MAX_LINE);
        assertThatThrownBy(() -> read("HTTP/1.1 200 OK\r\n" + line + "\r\n\r\n", false))
                .isInstanceOf(MalformedResponseException.class).hasMessageContaining("longer than");
    }

    @Test
    void skipsInterimResponses() throws IOException {
        ResponseHead h = read("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: x\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", false);
        assertThat(h.status()).isEqualTo(200);
    }

    @Test
    void anIncompleteHeadIsNullUntilTheRestArrives() throws IOException {
        assertThat(read("", false)).isNull();
        assertThat(read("HTTP/1.1 200 OK\r\nX: y\r\n", false)).isNull();
        assertThat(read("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200", false)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SSH-2.0-OpenSSH\r\n\r\n", "HTTP/2 200 OK\r\n\r\n", "HTTP/1.1 20 OK\r\n\r\n", "HTTP/1.1 2000 OK\r\n\r\n",
        "HTTP/1.1 abc OK\r\n\r\n", "HTTP/1.1 200 OK\r\nNoColon\r\n\r\n", "HTTP/1.1 200 OK\r\nBad Name: x\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
        "HTTP/1.1 200 OK\r\nX: a\u0001b\r\n\r\n", "HTTP/1.1 101 Switching Protocols\r\n\r\n", "HTTP/1.1 099 X\r\n\r\n"})
    void refusesMalformedHeads(String raw) {
        assertThatThrownBy(() -> read(raw, false)).isInstanceOf(MalformedResponseException.class);
    }

    @Test
    void refusesOversizedHeads() {
        String big = "HTTP/1.1 200 OK\r\n" + ("X-A: " + "a".repeat(1000) + "\r\n").repeat(70) + "\r\n";
        assertThatThrownBy(() -> read(big, false)).isInstanceOf(MalformedResponseException.class);
        String longLine = "HTTP/1.1 200 OK\r\nX: " + "a".repeat(20_000) + "\r\n\r\n";
        assertThatThrownBy(() -> read(longLine, false)).isInstanceOf(MalformedResponseException.class);
    }

    @Test
    void connectionTokensDecideWhetherTheConnectionStaysOpen() throws IOException {
        assertThat(read("HTTP/1.1 200 OK\r\nConnection: keep-alive, Close\r\nContent-Length: 0\r\n\r\n", false).keepAlive())
                .isFalse();
        assertThat(read("HTTP/1.1 200 OK\r\nConnection: closed\r\nContent-Length: 0\r\n\r\n", false).keepAlive())
                .as("a token that merely contains close").isTrue();
        assertThat(read("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n", false).keepAlive())
                .isTrue();
        assertThat(read("HTTP/1.0 200 OK\r\nConnection: close\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n", false)
                .keepAlive()).as("close wins").isFalse();
        assertThat(read("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n", false).keepAlive()).isFalse();
    }

    @Test
    void anOversizedHeadIsRefusedBeforeItIsComplete() {
        String partial = "HTTP/1.1 200 OK\r\n" + ("X-A: " + "a".repeat(1000) + "\r\n").repeat(70);
        assertThatThrownBy(() -> read(partial, false)).isInstanceOf(MalformedResponseException.class);
        String partialLine = "HTTP/1.1 200 OK\r\nX: " + "a".repeat(20_000);
        assertThatThrownBy(() -> read(partialLine, false)).isInstanceOf(MalformedResponseException.class);
    }
}
