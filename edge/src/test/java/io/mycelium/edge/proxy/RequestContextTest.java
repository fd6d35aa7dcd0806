package io.mycelium.edge.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestContextTest {

    @Test
    void keepsSafeRequestIdsAndReplacesOthers() {
        assertThat(RequestContext.requestId("abc-123_x.y:z")).isEqualTo("abc-123_x.y:z");
        assertThat(RequestContext.requestId(null)).matches("[0-9a-f]{32}");
        assertThat(RequestContext.requestId("has space")).matches("[0-9a-f]{32}");
        assertThat(RequestContext.requestId("x".repeat(129))).matches("[0-9a-f]{32}");
        assertThat(RequestContext.requestId("")).matches("[0-9a-f]{32}");
        assertThat(RequestContext.requestId("a\"b")).matches("[0-9a-f]{32}");
    }

    @Test
    void continuesAValidTraceAndStartsANewOneOtherwise() {
        String in = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        String out = RequestContext.traceparent(in);
        assertThat(out).startsWith("00-0af7651916cd43dd8448eb211c80319c-").endsWith("-01").isNotEqualTo(in);
        assertThat(RequestContext.isValidTraceparent(out)).isTrue();
        for (String bad : new String[] {null, "", "01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
            "00-00000000000000000000000000000000-b7ad6b7169203331-01", "00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01",
            "00-0AF7651916CD43DD8448EB211C80319C-b7ad6b7169203331-01", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-0"}) {
            assertThat(RequestContext.isValidTraceparent(bad)).as(String.valueOf(bad)).isFalse();
            String fresh = RequestContext.traceparent(bad);
            assertThat(RequestContext.isValidTraceparent(fresh)).isTrue();
            assertThat(fresh).endsWith("-00");
        }
    }

    @Test
    void randomIdsDiffer() {
        assertThat(RequestContext.randomHex(32)).isNotEqualTo(RequestContext.randomHex(32));
        assertThat(RequestContext.randomHex(16)).hasSize(16);
    }

    @Test
    void newRequestIdsAreWellFormedAndUnique() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        byte[] buf = new byte[RequestContext.ID_LENGTH + 4];
        for (int i = 0; i < 20_000; i++) {
            buf[0] = 'x';
            buf[buf.length - 1] = 'y';
            RequestContext.newRequestId(buf, 2);
            String id = new String(buf, 2, RequestContext.ID_LENGTH, java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(id).matches("[0-9a-f]{32}");
            assertThat(seen.add(id)).as("duplicate id %s", id).isTrue();
            // only the id's own bytes are written
            assertThat(buf[0]).isEqualTo((byte) 'x');
            assertThat(buf[buf.length - 1]).isEqualTo((byte) 'y');
        }
    }

    @Test
    void traceparentBytesMatchTheStringForm() {
        String in = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        byte[] buf = new byte[RequestContext.TRACEPARENT_LENGTH + 1];
        java.util.Set<String> spans = new java.util.HashSet<>();
        for (int i = 0; i < 1000; i++) {
            RequestContext.traceparent(in, buf, 1);
            String out = new String(buf, 1, RequestContext.TRACEPARENT_LENGTH, java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(RequestContext.isValidTraceparent(out)).as(out).isTrue();
            assertThat(out).startsWith("00-0af7651916cd43dd8448eb211c80319c-").endsWith("-01");
            spans.add(out.substring(36, 52));
            RequestContext.traceparent(null, buf, 1);
            String fresh = new String(buf, 1, RequestContext.TRACEPARENT_LENGTH, java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(RequestContext.isValidTraceparent(fresh)).as(fresh).isTrue();
            assertThat(fresh).endsWith("-00").doesNotStartWith("00-0af7651916cd43dd8448eb211c80319c");
        }
        assertThat(spans).hasSize(1000);
    }
}
