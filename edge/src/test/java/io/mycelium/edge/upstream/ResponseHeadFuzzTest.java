package io.mycelium.edge.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/** Whatever an upstream sends, the parser answers with a head, null or an IOException. */
class ResponseHeadFuzzTest {

    @FuzzTest
    void parsesAnyBytesSafely(byte[] data) {
        boolean head = data.length > 0 && (data[0] & 1) == 1;
        HttpInput in = new HttpInput(new ByteArrayInputStream(data), 64);
        try {
            ResponseHead h = ResponseHeadParser.read(in, head);
            if (h != null) {
                assertThat(h.status()).isBetween(200, 999);
                assertThat(h.contentLength()).isGreaterThanOrEqualTo(-1);
                assertThat(h.chunked() && h.contentLength() >= 0).isFalse();
                if (h.untilClose()) {
                    assertThat(h.keepAlive()).isFalse();
                }
            }
        } catch (IOException expected) {
            // malformed, oversized or truncated: the proxy answers 502
        }
        // the relay mode (what the proxy uses) frames every input the same way, and what it
        // relays is whole CRLF-terminated lines without framing or hop-by-hop fields
        RequestHead relay = new RequestHead();
        ResponseHead strings = null;
        ResponseHead relayed = null;
        try {
            strings = ResponseHeadParser.read(new HttpInput(new ByteArrayInputStream(data), 64), head);
        } catch (IOException e) {
            // compared below: the relay mode must fail too
        }
        try {
            relayed = ResponseHeadParser.read(new HttpInput(new ByteArrayInputStream(data), 64), head, relay);
        } catch (IOException e) {
            assertThat(strings).isNull();
            return;
        }
        if (relayed == null) {
            assertThat(strings).isNull();
            return;
        }
        assertThat(strings).isNotNull();
        assertThat(relayed.status()).isEqualTo(strings.status());
        assertThat(relayed.contentLength()).isEqualTo(strings.contentLength());
        assertThat(relayed.chunked()).isEqualTo(strings.chunked());
        assertThat(relayed.keepAlive()).isEqualTo(strings.keepAlive());
        String text = relay.toString();
        assertThat(text.isEmpty() || text.endsWith("\r\n")).isTrue();
        for (String line : text.split("\r\n")) {
            if (!line.isEmpty()) {
                String name = line.substring(0, line.indexOf(':')).toLowerCase(java.util.Locale.ROOT);
                assertThat(name).isNotIn("content-length", "transfer-encoding", "connection", "keep-alive", "date", "server");
            }
        }
    }
}
