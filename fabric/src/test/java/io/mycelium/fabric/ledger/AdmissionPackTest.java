package io.mycelium.fabric.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.mycelium.fabric.ledger.Admission.Ask;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The heap in {@link Admission#pack} chooses as the scan it replaced (kept below as
 * {@link #scanPack}): each instance on the node with the most room for it, the first such node on
 * ties; same count packed, same room left on every node.
 */
class AdmissionPackTest {
    @Property(tries = 500)
    void theHeapPacksLikeTheScanOfEveryNode(@ForAll long seed) {
        Random random = new Random(seed);
        int nodes = random.nextInt(30);
        long[] cpu = new long[nodes];
        long[] mem = new long[nodes];
        for (int i = 0; i < nodes; i++) {
            cpu[i] = List.of(-100L, 0L, 250L, 1_000L, 2_000L, 2_000L, 4_000L).get(random.nextInt(7));
            mem[i] = List.of(-64L, 0L, 256L, 4_096L, 4_096L, 8_192L).get(random.nextInt(6));
        }
        Ask ask = new Ask("app", random.nextInt(60), List.of(0L, 100L, 250L, 1_000L).get(random.nextInt(4)),
                List.of(0L, 64L, 256L, 1_024L).get(random.nextInt(4)), null, 0);
        int n = random.nextInt(60);
        long[] cpuHeap = cpu.clone();
        long[] memHeap = mem.clone();
        long[] cpuScan = cpu.clone();
        long[] memScan = mem.clone();
        assertThat(Admission.pack(ask, n, cpuHeap, memHeap)).isEqualTo(scanPack(ask, n, cpuScan, memScan));
        assertThat(cpuHeap).as("cpu left per node of %s", Arrays.toString(cpu)).isEqualTo(cpuScan);
        assertThat(memHeap).as("memory left per node of %s", Arrays.toString(mem)).isEqualTo(memScan);
    }

    /** The pack as it was before the heap (commit b9f1215): a scan of every node per instance, by the same room per node ({@link Admission#slots}). */
    private static int scanPack(Ask a, int n, long[] cpuLeft, long[] memLeft) {
        if (a.cpuMilli() == 0 && a.memoryMb() == 0) {
            return n;
        }
        int packed = 0;
        while (packed < n) {
            int best = -1;
            long bestSlots = 0;
            for (int i = 0; i < cpuLeft.length; i++) {
                long slots = Admission.slots(a, cpuLeft[i], memLeft[i]);
                if (slots > bestSlots) {
                    best = i;
                    bestSlots = slots;
                }
            }
            if (best < 0) {
                return packed;
            }
            cpuLeft[best] -= a.cpuMilli();
            memLeft[best] -= a.memoryMb();
            packed++;
        }
        return packed;
    }
}
