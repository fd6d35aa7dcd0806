package io.mycelium.agent.hyphae;

import static org.assertj.core.api.Assertions.assertThat;

import io.mycelium.edge.route.CallGuard.Caller;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.model.Intention;
import io.mycelium.fabric.state.OperatorRecords;
import io.mycelium.spore.key.SigningKey;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The caller prefix of MYCELIUM_HYPHAE and the decision on it, without sockets. */
class IntentionGuardTest {
    private static final SigningKey OPERATOR = SigningKey.generate();
    private final SigningKey nodeKey = SigningKey.generate();
    private final AtomicReference<ClusterView> view = new AtomicReference<>(new ClusterView("a", 0, List.of(), List.of()));
    private final IntentionGuard guard = new IntentionGuard(NodeIdentity.of("a", nodeKey), view::get);

    @Test
    void aPrefixNamesItsAppAndIsStrippedWhateverFollows() {
        String prefix = guard.prefix("frontend", "frontend-0-abcd1234-x1y2z");
        assertThat(guard.caller(prefix + "/billing/hello")).isEqualTo(new Caller("frontend", prefix.length()));
        assertThat(guard.caller(prefix)).isEqualTo(new Caller("frontend", prefix.length()));
        assertThat(guard.caller("/billing/hello")).isEqualTo(Caller.NONE);
    }

    @Test
    void aForgedOrOtherNodesPrefixNamesNoCaller() {
        String prefix = guard.prefix("frontend", "frontend-0-abcd1234-x1y2z");
        String otherApp = prefix.replace("/~frontend.", "/~billing.");
        assertThat(guard.caller(otherApp + "/x").app()).isNull();
        assertThat(guard.caller(otherApp + "/x").prefix()).isEqualTo(otherApp.length());
        IntentionGuard otherNode = new IntentionGuard(NodeIdentity.of("b", SigningKey.generate()), view::get);
        assertThat(otherNode.caller(prefix + "/x").app()).isNull();
        assertThat(guard.caller("/~garbage/x")).isEqualTo(new Caller(null, "/~garbage".length()));
        // the same key gives the same prefix: an adopted instance's env stays valid after a restart
        assertThat(new IntentionGuard(NodeIdentity.of("a", nodeKey), view::get).prefix("frontend", "i")).isEqualTo(guard.prefix("frontend", "i"));
    }

    @Test
    void theRefusalFollowsTheIntentionsAfterARefresh() {
        Caller frontend = guard.caller(guard.prefix("frontend", "i") + "/billing");
        assertThat(guard.refusal(frontend, "billing")).isNull();
        assertThat(guard.refusal(Caller.NONE, "billing")).isNull();
        Intention deny = new Intention("frontend", "billing", Intention.Action.DENY);
        view.set(new ClusterView("a", 0, List.of(), List.of(OperatorRecords.sign(OPERATOR, deny, deny.name(), 1, 1))));
        assertThat(guard.refusal(frontend, "billing")).as("not refreshed yet").isNull();
        guard.refresh();
        assertThat(guard.refusal(frontend, "billing")).contains("denied by intention deny frontend billing");
        assertThat(guard.refusal(Caller.NONE, "billing")).contains("not known");
        assertThat(guard.refusal(frontend, "ledger")).isNull();
    }
}
