package io.mycelium.edge.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RouteParserTest {

    private final RouteParser strip = new RouteParser(Optional.empty(), true);
    private final RouteParser keep = new RouteParser(Optional.empty(), false);
    private final RouteParser hosts = new RouteParser(Optional.of("apps.test"), true);

    @Test
    void stripsThePrefix() {
        assertThat(strip.parse("h", "/billing/a/b%20c")).isEqualTo(new RouteParser.Route("billing", "/a/b%20c", false, false));
        assertThat(strip.parse("h", "/billing")).isEqualTo(new RouteParser.Route("billing", "/", false, false));
        assertThat(strip.parse("h", "/billing/")).isEqualTo(new RouteParser.Route("billing", "/", false, false));
    }

    @Test
    void keepsThePrefixWhenAsked() {
        assertThat(keep.parse("h", "/billing/a")).isEqualTo(new RouteParser.Route("billing", "/billing/a", false, false));
    }

    @Test
    void thePreviewPathNamesTheAppAndForwardsWithoutTheSuffix() {
        assertThat(strip.parse("h", "/billing@preview/a")).isEqualTo(new RouteParser.Route("billing", "/a", false, true));
        assertThat(strip.parse("h", "/billing@preview")).isEqualTo(new RouteParser.Route("billing", "/", false, true));
        assertThat(keep.parse("h", "/billing@preview/a")).isEqualTo(new RouteParser.Route("billing", "/billing/a", false, true));
        assertThat(strip.parse("h", "/@preview/a")).isInstanceOf(RouteParser.Refusal.class);
        assertThat(strip.parse("h", "/billing@other/a")).isInstanceOf(RouteParser.Refusal.class);
    }

    @Test
    void routesByHostAndFallsBackToThePath() {
        assertThat(hosts.parse("billing.apps.test:8080", "/a")).isEqualTo(new RouteParser.Route("billing", "/a", true, false));
        assertThat(hosts.parse("BILLING.Apps.Test", "/a")).isEqualTo(new RouteParser.Route("billing", "/a", true, false));
        assertThat(hosts.parse("localhost:8080", "/other/a")).isEqualTo(new RouteParser.Route("other", "/a", false, false));
        assertThat(hosts.parse("a.b.apps.test", "/x")).isInstanceOf(RouteParser.Refusal.class);
        assertThat(hosts.parse(".apps.test", "/x/y")).isEqualTo(new RouteParser.Route("x", "/y", false, false));
    }

    @Test
    void noAppIs404() {
        assertThat(strip.parse("h", "/")).isEqualTo(new RouteParser.Refusal(404, "no app named in the path; use /{app}/..."));
        assertThat(((RouteParser.Refusal) strip.parse("h", "//x")).status()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "/../a", "/a/..", "/a/../b", "/a/./b", "/a/%2e%2E/b", "/a/.%2e", "/a%2fb/c",
        "/a/..%2Fb", "/a/%2E%2e%2fetc", "/a\\b", "/a/%5c..", "/A/x", "/-a/x", "/a-/x", "/a_b/x", "/a%00/x",
        "/a.b/x"})
    void refusesTricksAndBadNames(String path) {
        RouteParser.Result r = strip.parse("h", path);
        assertThat(r).isInstanceOf(RouteParser.Refusal.class);
        assertThat(((RouteParser.Refusal) r).status()).isEqualTo(400);
    }

    @Test
    void appNamesAreDnsLabels() {
        assertThat(RouteParser.isAppName("a")).isTrue();
        assertThat(RouteParser.isAppName("billing-v2")).isTrue();
        assertThat(RouteParser.isAppName("a".repeat(63))).isTrue();
        assertThat(RouteParser.isAppName("a".repeat(64))).isFalse();
        assertThat(RouteParser.isAppName("")).isFalse();
        assertThat(RouteParser.isAppName("-a")).isFalse();
        assertThat(RouteParser.isAppName("ä")).isFalse();
    }

    @Test
    void dotsInsideSegmentsAreFine() {
        assertThat(strip.parse("h", "/billing/file.tar.gz")).isEqualTo(new RouteParser.Route("billing", "/file.tar.gz", false, false));
        assertThat(strip.parse("h", "/billing/...")).isEqualTo(new RouteParser.Route("billing", "/...", false, false));
    }
}
