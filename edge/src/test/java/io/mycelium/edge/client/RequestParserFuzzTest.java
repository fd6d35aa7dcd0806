package io.mycelium.edge.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.mycelium.edge.ChunkDecoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Any bytes, delivered in any pieces, either parse into requests that keep the parser's promises
 * (a token method, an origin-form target, one framing, a Host for HTTP/1.1, offsets inside the
 * head) or are refused with an error status; nothing else is thrown and nothing is read past
 * what the framing says.
 */
class RequestParserFuzzTest {

    @FuzzTest
    void parsesAnyBytesSafely(byte[] data) throws Exception {
        if (data.length == 0) {
            return;
        }
        int step = 1 + (data[0] & 0x3f);
        byte[] stream = Arrays.copyOfRange(data, 1, data.length);
        RequestParserTest.Feed in = new RequestParserTest.Feed(new ClientInput(256, 1024),
                RequestParserTest.source(stream, step));
        ClientRequest r = new ClientRequest();
        try {
            while (in.readHead()) {
                int start = in.headStart();
                int end = in.headEnd();
                assertThat(start).isBetween(0, end - 4);
                RequestParser.parse(in.buffer(), start, end, r);
                assertThat(r.method()).isNotEmpty();
                assertThat(r.target()).startsWith("/");
                for (char c : r.target().toCharArray()) {
                    assertThat(c).isBetween('!', '~').isNotEqualTo('#');
                }
                assertThat(r.chunked() && r.contentLength() >= 0).isFalse();
                assertThat(r.http10() || r.host() != null).isTrue();
                for (int i = 0; i < r.fieldCount(); i++) {
                    assertThat(r.fieldStart(i)).isBetween(start, end);
                    assertThat(r.fieldEnd(i)).isBetween(r.fieldStart(i), end - 2);
                    assertThat(r.value(i)).doesNotContain("\r", "\n");
                    String name = r.name(i);
                    assertThat(name).isNotEmpty().doesNotContain(" ", ":");
                }
                assertThat(new String(in.buffer(), start, end - start, StandardCharsets.ISO_8859_1)).endsWith("\r\n\r\n");
                if (r.chunked()) {
                    assertThat(in.chunked()).isNotNull();
                } else if (r.contentLength() > 0) {
                    assertThat(in.body(r.contentLength())).hasSize((int) r.contentLength());
                }
            }
        } catch (BadRequestException e) {
            assertThat(e.status()).isIn(400, 414, 417, 431, 501, 505);
            assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
        } catch (ChunkDecoder.ChunkException e) {
            // malformed chunk framing: the edge answers 400 (or 431) and closes
            assertThat(e.getMessage()).isNotBlank();
        } catch (IOException e) {
            // the input ended inside a body: the connection would be closed
            assertThat(e.getMessage()).contains("end of stream");
        }
    }
}
