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
}
