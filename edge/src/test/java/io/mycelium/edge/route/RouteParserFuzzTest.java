package io.mycelium.edge.route;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** No host or path makes the parser throw, name a bad app, or forward a path that climbs out. */
class RouteParserFuzzTest {

    private static final RouteParser BY_PATH = new RouteParser(Optional.empty(), true);
    private static final RouteParser BY_HOST = new RouteParser(Optional.of("apps.test"), true);

    @FuzzTest
    void neverRoutesOutsideTheApp(FuzzedDataProvider data) {
        String host = data.consumeString(80);
        String path = data.consumeRemainingAsString();
        for (RouteParser parser : new RouteParser[] {BY_PATH, BY_HOST}) {
            RouteParser.Result r = parser.parse(host, path);
            if (r instanceof RouteParser.Route route) {
                assertThat(RouteParser.isAppName(route.app())).isTrue();
                assertThat(route.forwardPath()).startsWith("/");
                String decoded;
                try {
                    decoded = URLDecoder.decode(route.forwardPath().replace("+", "%2B"), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException notDecodable) {
                    decoded = route.forwardPath();
                }
                for (String segment : decoded.split("/", -1)) {
                    assertThat(segment).isNotIn(".", "..");
                }
                assertThat(decoded).doesNotContain("\\");
            } else {
                assertThat(((RouteParser.Refusal) r).status()).isIn(400, 404);
            }
        }
    }
}
