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
    }
}
