package io.mycelium.edge.balance;

import static org.assertj.core.api.Assertions.assertThat;

import io.mycelium.edge.route.Endpoint;
import io.mycelium.spore.time.ManualClock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BalancerTest {

    private final ManualClock now = new ManualClock();
    private final OutlierPolicy policy = new OutlierPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(5));

    private Upstream upstream(String id) {
        return new Upstream(Endpoint.ready(id, "127.0.0.1", 1000 + id.length(), "r"), policy, now);
    }

    @Test
    void powerOfTwoChoicesNeverPicksTheBusierOfTwo() {
        Upstream idle = upstream("idle");
        Upstream busy = upstream("busy");
        for (int i = 0; i < 5; i++) {
            busy.begin();
        }
        PowerOfTwoChoices p2c = new PowerOfTwoChoices();
        for (int i = 0; i < 100; i++) {
            assertThat(p2c.pick(List.of(idle, busy), null)).isSameAs(idle);
        }
    }

    @Test
    void powerOfTwoChoicesSpreadsEvenlyWhenIdle() {
        List<Upstream> three = List.of(upstream("a"), upstream("bb"), upstream("ccc"));
        Map<Upstream, Integer> counts = new HashMap<>();
        PowerOfTwoChoices p2c = new PowerOfTwoChoices();
        for (int i = 0; i < 3000; i++) {
            counts.merge(p2c.pick(three, null), 1, Integer::sum);
        }
        assertThat(counts.values()).allSatisfy(c -> assertThat(c).isBetween(700, 1300));
    }

    @Test
    void avoidIsHonouredWhenThereIsAnotherChoice() {
        Upstream a = upstream("a");
        Upstream b = upstream("bb");
        for (int i = 0; i < 50; i++) {
            assertThat(new PowerOfTwoChoices().pick(List.of(a, b), a)).isSameAs(b);
        }
        RoundRobin rr = new RoundRobin();
        for (int i = 0; i < 50; i++) {
            assertThat(rr.pick(List.of(a, b), a)).isSameAs(b);
        }
        assertThat(rr.pick(List.of(a), a)).isSameAs(a);
    }

    @Test
    void roundRobinCycles() {
        Upstream a = upstream("a");
        Upstream b = upstream("bb");
        Upstream c = upstream("ccc");
        RoundRobin rr = new RoundRobin();
        List<Upstream> all = List.of(a, b, c);
        assertThat(List.of(rr.pick(all, null), rr.pick(all, null), rr.pick(all, null), rr.pick(all, null)))
                .containsExactly(a, b, c, a);
    }

    @Test
    void ejectionBacksOffExponentiallyAndSuccessResetsIt() {
        Upstream u = upstream("u");
        u.failure();
        u.failure();
        assertThat(u.isEjected()).isFalse();
        u.failure();
        assertThat(u.isEjected()).isTrue();
        now.advance(Duration.ofMillis(999));
        assertThat(u.isEjected()).isTrue();
        now.advance(Duration.ofMillis(1));
        assertThat(u.isEjected()).isFalse();
        // second ejection lasts twice as long
        u.failure();
        u.failure();
        u.failure();
        now.advance(Duration.ofMillis(1999));
        assertThat(u.isEjected()).isTrue();
        now.advance(Duration.ofMillis(1));
        assertThat(u.isEjected()).isFalse();
        // capped at the maximum
        for (int k = 0; k < 10; k++) {
            u.failure();
            u.failure();
            u.failure();
            now.advance(Duration.ofSeconds(5));
            assertThat(u.isEjected()).isFalse();
        }
        // a success resets the count and the backoff
        u.failure();
        u.failure();
        u.success();
        u.failure();
        assertThat(u.isEjected()).isFalse();
        u.failure();
        u.failure();
        now.advance(Duration.ofSeconds(1));
        assertThat(u.isEjected()).isFalse();
    }
}
