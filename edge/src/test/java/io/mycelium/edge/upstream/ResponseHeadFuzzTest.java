package io.mycelium.edge.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.mycelium.edge.OutputBuffer;

/**
 * Whatever an upstream sends, in whatever pieces, the parser answers with a head, null (more
 * bytes needed) or a {@link MalformedResponseException}; parsing it piece by piece, as the event
 * loop does, gives the same answer as parsing it whole.
 */
class ResponseHeadFuzzTest {

    @FuzzTest
    void parsesAnyBytesSafely(byte[] data) {
        boolean head = data.length > 0 && (data[0] & 1) == 1;
        int step = data.length > 0 ? 1 + ((data[0] & 0xff) >> 1) : 1;
        ResponseHead strings = null;
        boolean stringsFailed = false;
        try {
            strings = new ResponseHeadParser().parse(data, 0, data.length, head, null);
            if (strings != null) {
                assertThat(strings.status()).isBetween(200, 999);
                assertThat(strings.contentLength()).isGreaterThanOrEqualTo(-1);
                assertThat(strings.chunked() && strings.contentLength() >= 0).isFalse();
                if (strings.untilClose()) {
                    assertThat(strings.keepAlive()).isFalse();
                }
            }
        } catch (MalformedResponseException expected) {
            // malformed or oversized: the proxy answers 502
            stringsFailed = true;
        }
        // the relay mode (what the proxy uses), fed in pieces, frames every input the same way,
        // and what it relays is whole CRLF-terminated lines without framing or hop-by-hop fields
        OutputBuffer relay = new OutputBuffer();
        ResponseHeadParser parser = new ResponseHeadParser();
        ResponseHead relayed = null;
        try {
            for (int have = Math.min(step, data.length); ; have = Math.min(have + step, data.length)) {
                relayed = parser.parse(data, 0, have, head, relay);
                if (relayed != null || have == data.length) {
                    break;
                }
            }
        } catch (MalformedResponseException e) {
            assertThat(strings).isNull();
            return;
        }
        if (relayed == null) {
            assertThat(strings).isNull();
            assertThat(stringsFailed).isFalse();
            return;
        }
        assertThat(strings).isNotNull();
        assertThat(parser.end()).isBetween(1, data.length);
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
