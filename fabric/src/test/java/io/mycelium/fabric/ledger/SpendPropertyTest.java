package io.mycelium.fabric.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.mycelium.fabric.ClusterMember;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.membership.MemberStatus;
import io.mycelium.fabric.model.Json;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.fabric.model.Role;
import io.mycelium.fabric.model.Usage;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.fabric.state.RecordKey;
import io.mycelium.fabric.state.StateStore;
import io.mycelium.fabric.state.Version;
import io.mycelium.spore.key.TrustStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * An app's spend is conflict-free: nodes count their own monotonic usage (restarting with a new
 * incarnation and the persisted counters), the records reach two members in any order, twice, or
 * one side of a partition first; once both have seen every record, both sum to the same spend, and
 * that spend is exactly what every node counted last.
 */
class SpendPropertyTest {
    private static final String APP = "billing";

    /** One metering step of one node: credits and cpu added, and whether the agent restarted before it. */
    record Step(String node, long addMicro, long addCpu, boolean restartBefore) {
    }

    @Provide
    Arbitrary<List<Step>> histories() {
        return Combinators.combine(Arbitraries.of("n1", "n2", "n3"), Arbitraries.longs().between(0, 5_000_000),
                Arbitraries.longs().between(0, 10_000), Arbitraries.integers().between(0, 9).map(i -> i == 0))
                .as(Step::new).list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 300)
    void spendIsTheSumOfEveryNodesLastCountWhateverTheDelivery(@ForAll("histories") List<Step> steps, @ForAll long seed) {
        Map<String, long[]> counters = new HashMap<>(); // node -> {incarnation, counter, micro, cpu}
        List<FabricRecord> written = new ArrayList<>();
        for (Step s : steps) {
            long[] c = counters.computeIfAbsent(s.node(), n -> new long[] {1, 0, 0, 0});
            if (s.restartBefore()) {
                c[0]++; // a restart: new incarnation, the write counter starts over, the persisted usage does not
                c[1] = 0;
            }
            c[1]++;
            c[2] += s.addMicro();
            c[3] += s.addCpu();
            Usage u = new Usage(APP, c[3], 0, c[2], 0, 1, c[1]);
            written.add(new FabricRecord(RecordKey.node(RecordKind.USAGE, s.node(), APP), new Version(c[0], c[1], ""), Json.write(u), ""));
        }
        long expected = counters.values().stream().mapToLong(c -> c[2]).sum();

        Random rnd = new Random(seed);
        List<FabricRecord> shuffled = new ArrayList<>(written);
        Collections.shuffle(shuffled, rnd);
        List<FabricRecord> duplicated = new ArrayList<>(shuffled);
        duplicated.addAll(written.subList(0, rnd.nextInt(written.size() + 1)));
        Collections.shuffle(duplicated, rnd);
        // a partition: the first member sees only n1's records, then heals and gets the rest in reverse
        List<FabricRecord> partitioned = new ArrayList<>(written.stream().filter(r -> r.key().owner().equals("n1")).toList());
        List<FabricRecord> rest = new ArrayList<>(written);
        Collections.reverse(rest);
        partitioned.addAll(rest);

        for (List<FabricRecord> delivery : List.of(written, shuffled, duplicated, partitioned)) {
            assertThat(Spend.microCredits(view(delivery), APP)).as("spend after %d deliveries", delivery.size()).isEqualTo(expected);
        }
    }

    @Property(tries = 200)
    void aPartialDeliveryNeverCountsMoreThanTheWhole(@ForAll("histories") List<Step> steps, @ForAll long seed) {
        Map<String, long[]> counters = new HashMap<>();
        List<FabricRecord> written = new ArrayList<>();
        for (Step s : steps) {
            long[] c = counters.computeIfAbsent(s.node(), n -> new long[] {1, 0, 0});
            c[1]++;
            c[2] += s.addMicro();
            written.add(new FabricRecord(RecordKey.node(RecordKind.USAGE, s.node(), APP), new Version(c[0], c[1], ""),
                    Json.write(new Usage(APP, 0, 0, c[2], 0, 1, c[1])), ""));
        }
        Random rnd = new Random(seed);
        List<FabricRecord> some = new ArrayList<>(written.stream().filter(r -> rnd.nextBoolean()).toList());
        Collections.shuffle(some, rnd);
        long partial = Spend.microCredits(view(some), APP);
        long whole = Spend.microCredits(view(written), APP);
        assertThat(partial).isLessThanOrEqualTo(whole);
        List<FabricRecord> healed = new ArrayList<>(some);
        healed.addAll(written);
        assertThat(Spend.microCredits(view(healed), APP)).isEqualTo(whole);
    }

    static ClusterView view(List<FabricRecord> delivery) {
        StateStore store = new StateStore(TrustStore.of(), true);
        delivery.forEach(r -> store.offer(r, 0));
        List<ClusterMember> members = List.of("n1", "n2", "n3").stream()
                .map(n -> new ClusterMember(n, Role.AGENT, "127.0.0.1", 1, 2, MemberStatus.ALIVE, 0, false)).toList();
        return new ClusterView("n1", 0, members, store.all());
    }
}
