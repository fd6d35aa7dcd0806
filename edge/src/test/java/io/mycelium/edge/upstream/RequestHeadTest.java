package io.mycelium.edge.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestHeadTest {

    @Test
    void writesFieldsAsIso88591WithCrlf() throws Exception {
        RequestHead head = new RequestHead().append("GET /x HTTP/1.1").crlf()
                .field("Host", "b:1").field("X-Caf\u00e9", "\u00e9t\u00e9").append("Content-Length: ").append(42L).crlf().crlf();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        head.writeTo(out);
        assertThat(out.toString(StandardCharsets.ISO_8859_1))
                .isEqualTo("GET /x HTTP/1.1\r\nHost: b:1\r\nX-Caf\u00e9: \u00e9t\u00e9\r\nContent-Length: 42\r\n\r\n");
        assertThat(head.length()).isEqualTo(out.size());
    }

    @Test
    void replacesCharactersOutsideLatin1LikeTheCharsetDoes() {
        String text = "a\u20acb\u4e2d";
        assertThat(new RequestHead().append(text).toString())
                .isEqualTo(new String(text.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1));
    }

    @Test
    void growsPastItsInitialSizeAndResetsForTheNextRequest() {
        RequestHead head = new RequestHead();
        String big = "v".repeat(5000);
        head.field("X-Big", big);
        assertThat(head.length()).isEqualTo("X-Big: ".length() + 5000 + 2);
        assertThat(head.toString()).endsWith(big + "\r\n");
        head.reset().append("next");
        assertThat(head.toString()).isEqualTo("next");
    }
}
