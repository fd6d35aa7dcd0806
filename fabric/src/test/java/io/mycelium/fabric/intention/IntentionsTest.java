package io.mycelium.fabric.intention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.model.Intention;
import io.mycelium.fabric.model.Intention.Action;
import io.mycelium.fabric.model.Json;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.fabric.state.OperatorRecords;
import io.mycelium.spore.key.SigningKey;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The intention decision on hand-made views: no threads, no sockets. */
class IntentionsTest {
    private static final SigningKey OPERATOR = SigningKey.generate();

    private static ClusterView view(Intention... intentions) {
        List<FabricRecord> records = new ArrayList<>();
        for (Intention i : intentions) {
            records.add(OperatorRecords.sign(OPERATOR, i, i.name(), 1, 1));
        }
        return new ClusterView("a", 0, List.of(), records);
    }

    @Test
    void withoutIntentionsEveryCallIsAllowedEvenFromAnUnknownCaller() {
        assertThat(Intentions.decide(view(), "frontend", "billing").allowed()).isTrue();
        assertThat(Intentions.decide(view(), null, "billing").allowed()).isTrue();
    }

    @Test
    void theMostSpecificIntentionWinsDestinationFirst() {
        ClusterView v = view(new Intention("*", "*", Action.DENY), new Intention("frontend", "*", Action.ALLOW),
                new Intention("*", "billing", Action.DENY), new Intention("frontend", "billing", Action.ALLOW),
                new Intention("*", "search", Action.ALLOW));
        assertThat(Intentions.decide(v, "frontend", "billing").allowed()).isTrue(); // exact
        assertThat(Intentions.decide(v, "batch", "billing").allowed()).isFalse(); // * > billing
        assertThat(Intentions.decide(v, "frontend", "search").by()).contains(new Intention("*", "search", Action.ALLOW)); // dest before source
        assertThat(Intentions.decide(v, "frontend", "ledger").allowed()).isTrue(); // frontend > *
        Intentions.Decision byDefault = Intentions.decide(v, "batch", "ledger");
        assertThat(byDefault.allowed()).isFalse();
        assertThat(byDefault.reason()).isEqualTo("batch -> ledger denied by the cluster default (deny); "
                + "mesh intention allow batch ledger lets it through");
    }

    @Test
    void aDenyNamesTheIntentionAndAnUnmatchedCallIsAllowed() {
        ClusterView v = view(new Intention("frontend", "billing", Action.DENY));
        Intentions.Decision d = Intentions.decide(v, "frontend", "billing");
        assertThat(d.allowed()).isFalse();
        assertThat(d.reason()).contains("denied by intention deny frontend billing");
        assertThat(Intentions.decide(v, "batch", "billing").allowed()).isTrue();
    }

    @Test
    void anUnknownCallerIsRefusedOnceTheClusterHasIntentions() {
        Intentions.Decision d = Intentions.decide(view(new Intention("*", "*", Action.ALLOW)), null, "billing");
        assertThat(d.allowed()).isFalse();
        assertThat(d.reason()).contains("MYCELIUM_HYPHAE");
    }

    @Test
    void aRemovedIntentionNoLongerCountsAndARecordUnderAnotherNameIsIgnored() {
        List<FabricRecord> records = new ArrayList<>();
        records.add(OperatorRecords.signDelete(OPERATOR, RecordKind.INTENTION, Intention.name("frontend", "billing"), 2, 2));
        // a record whose name is not its payload's pair (a forger cannot sign one, a buggy writer could)
        records.add(OperatorRecords.sign(OPERATOR, new Intention("frontend", "billing", Action.DENY), "frontend>search", 1, 1));
        ClusterView v = new ClusterView("a", 0, List.of(), records);
        assertThat(Intentions.Table.of(v).byName()).isEmpty();
        assertThat(Intentions.decide(v, "frontend", "billing").allowed()).isTrue();
    }

    @Test
    void theDecisionIsTheSameForTheSameViewAndTheListPutsTheDefaultFirst() {
        ClusterView v = view(new Intention("b", "c", Action.DENY), new Intention("*", "*", Action.ALLOW), new Intention("a", "c", Action.ALLOW));
        assertThat(Intentions.decide(v, "a", "c")).isEqualTo(Intentions.decide(v, "a", "c"));
        assertThat(Intentions.Table.of(v).list()).extracting(Intention::name).containsExactly("*>*", "a>c", "b>c");
    }

    @Test
    void badNamesAndActionsAreRefusedNamingTheValue() {
        assertThatThrownBy(() -> new Intention("Front End", "billing", Action.ALLOW)).hasMessageContaining("'Front End'");
        assertThatThrownBy(() -> Json.read("{\"caller\":\"a\",\"callee\":\"b\",\"action\":\"maybe\"}", Intention.class))
                .hasMessageContaining("maybe");
        assertThat(Json.read(Json.write(new Intention("a", "*", Action.DENY)), Intention.class)).isEqualTo(new Intention("a", "*", Action.DENY));
    }
}
