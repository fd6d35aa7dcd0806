package io.mycelium.fabric.placement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The placement function. Pure and deterministic: the same {@link PlacementInput}, in any list
 * order, gives the same {@link PlacementResult} on every node.
 *
 * <p>Two passes over the apps in name order and their slots in index order. First, every slot
 * that runs on a node that still qualifies stays there. Then every other slot goes to the
 * qualifying node with the highest weighted rendezvous score (weight: the node's CPU capacity). A
 * node qualifies for a slot when its labels match the plan's constraints, it has room for the
 * instance's nutrients after what is already placed on it, and it holds fewer than
 * ceil(instances / matching nodes) instances of the app, which spreads an app across nodes. When
 * spreading is impossible (every node at the spread limit but one has room) the limit is relaxed
 * rather than leaving the slot unplaced. Among nodes of equal score the lowest node id wins.
 *
 * <p>Cost. A slot that must move is scored against every qualifying node, so a pass over a cluster
 * with no instances yet is slots x nodes scores (2,000 x 1,000 at the design size). Each score is
 * made cheap rather than avoided, so that the decisions stay those of the plain definition
 * ({@link RendezvousHash#score} for every pair; checked against it on random inputs by
 * {@code PlacementEquivalenceTest}): the hash of a slot's prefix is taken once per slot and only
 * the node's id bytes are hashed per pair; capacity and counts are arrays by node index; and the
 * logarithm is taken only for a node that could beat the best so far. That last step is exact: for
 * one weight the score is non-decreasing in the hash's top 53 bits (IEEE division is correctly
 * rounded and {@code Math.log} is semi-monotonic), so a node whose bits are not above those of an
 * already scored node of the same weight cannot score strictly higher than the best, and the plain
 * definition keeps the earlier node then too.
 */
public final class Placement {
    private Placement() {
    }

    public static PlacementResult place(PlacementInput input) {
        List<NodeCandidate> nodes = input.nodes().stream().sorted(Comparator.comparing(NodeCandidate::nodeId)).toList();
        List<AppDemand> demands = input.demands().stream().sorted(Comparator.comparing(AppDemand::app)).toList();
        Ledger ledger = new Ledger(nodes);
        TreeMap<SlotId, String> assigned = new TreeMap<>();
        int[][] matchingOf = new int[demands.size()][];
        for (int d = 0; d < demands.size(); d++) {
            matchingOf[d] = ledger.matching(demands.get(d));
        }

        for (int d = 0; d < demands.size(); d++) {
            AppDemand demand = demands.get(d);
            int[] counts = ledger.counts(demand.app());
            int spreadLimit = spreadLimit(demand, matchingOf[d]);
            for (int i : demand.slots()) {
                SlotId slot = new SlotId(demand.app(), i);
                String where = input.current().get(slot);
                int node = where == null ? -1 : ledger.index(where);
                if (node >= 0 && nodes.get(node).matches(demand.constraints()) && ledger.fits(node, demand)
                        && counts[node] < spreadLimit) {
                    ledger.reserve(node, demand, counts);
                    assigned.put(slot, where);
                }
            }
        }

        List<PlacementResult.Unplaced> unplaced = new ArrayList<>();
        Scorer scorer = new Scorer(ledger);
        for (int d = 0; d < demands.size(); d++) {
            AppDemand demand = demands.get(d);
            int[] matching = matchingOf[d];
            int[] counts = ledger.counts(demand.app());
            int spreadLimit = spreadLimit(demand, matching);
            for (int i : demand.slots()) {
                SlotId slot = new SlotId(demand.app(), i);
                if (assigned.containsKey(slot)) {
                    continue;
                }
                long prefix = RendezvousHash.prefix(slot);
                int best = scorer.best(prefix, matching, demand, counts, spreadLimit);
                if (best < 0) {
                    best = scorer.best(prefix, matching, demand, counts, Integer.MAX_VALUE);
                }
                if (best < 0) {
                    unplaced.add(new PlacementResult.Unplaced(slot, whyNot(demand, nodes, matching, ledger)));
                } else {
                    ledger.reserve(best, demand, counts);
                    assigned.put(slot, nodes.get(best).nodeId());
                }
            }
        }
        return new PlacementResult(assigned, unplaced);
    }

    private static int spreadLimit(AppDemand demand, int[] matching) {
        if (matching.length == 0) {
            return 0;
        }
        return (demand.instances() + matching.length - 1) / matching.length;
    }

    private static String whyNot(AppDemand demand, List<NodeCandidate> nodes, int[] matching, Ledger ledger) {
        if (nodes.isEmpty()) {
            return "no live agent in the cluster";
        }
        if (matching.length == 0) {
            return "no live agent carries the labels " + new TreeMap<>(demand.constraints());
        }
        long mostCpu = Arrays.stream(matching).mapToLong(ledger::freeCpu).max().orElse(0);
        long mostMem = Arrays.stream(matching).mapToLong(ledger::freeMemory).max().orElse(0);
        return "needs cpu_milli=" + demand.cpuMilli() + " memory_mb=" + demand.memoryMb()
                + "; the most any matching agent has left is cpu_milli=" + mostCpu + " memory_mb=" + mostMem;
    }

    /**
     * The highest-scoring qualifying node for one slot. Nodes are grouped by weight; within a group
     * only a node whose hash bits beat the group's best so far is scored (see the class comment).
     */
    private static final class Scorer {
        /** The top of the 53-bit range: there u rounds to 1, the logarithm to 0 and the score to -infinity, so it is never skipped. */
        private static final long TOP = (1L << 53) - 1;
        private final Ledger ledger;
        private final int[] group;
        private final double[] weight;
        private final long[] groupBest;

        Scorer(Ledger ledger) {
            this.ledger = ledger;
            int n = ledger.size();
            this.group = new int[n];
            this.weight = new double[n];
            Map<Long, Integer> groups = new HashMap<>();
            for (int i = 0; i < n; i++) {
                long w = Math.max(1, ledger.node(i).cpuMilli());
                weight[i] = w;
                group[i] = groups.computeIfAbsent(w, k -> groups.size());
            }
            this.groupBest = new long[groups.size()];
        }

        int best(long prefix, int[] matching, AppDemand demand, int[] counts, int spreadLimit) {
            Arrays.fill(groupBest, -1L);
            int best = -1;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int node : matching) {
                if (!ledger.fits(node, demand) || counts[node] >= spreadLimit) {
                    continue;
                }
                long bits = RendezvousHash.bits(RendezvousHash.finish(prefix, ledger.idBytes(node)));
                int g = group[node];
                if (bits <= groupBest[g]) {
                    continue;
                }
                if (bits != TOP) {
                    groupBest[g] = bits;
                }
                double score = RendezvousHash.score(bits, weight[node]);
                if (score > bestScore) {
                    best = node;
                    bestScore = score;
                }
            }
            return best;
        }
    }

    /** What placement has reserved so far on each node, by the node's index in id order; local to one call. */
    private static final class Ledger {
        private final List<NodeCandidate> nodes;
        private final Map<String, Integer> indexById = new HashMap<>();
        private final byte[][] idBytes;
        private final long[] usedCpu;
        private final long[] usedMemory;
        private final Map<String, int[]> appCounts = new HashMap<>();

        Ledger(List<NodeCandidate> nodes) {
            this.nodes = nodes;
            int n = nodes.size();
            idBytes = new byte[n][];
            usedCpu = new long[n];
            usedMemory = new long[n];
            for (int i = 0; i < n; i++) {
                NodeCandidate node = nodes.get(i);
                if (indexById.putIfAbsent(node.nodeId(), i) != null) {
                    throw new IllegalArgumentException("node " + node.nodeId() + " is listed twice in the placement input");
                }
                idBytes[i] = RendezvousHash.bytes(node.nodeId());
            }
        }

        int size() {
            return nodes.size();
        }

        NodeCandidate node(int i) {
            return nodes.get(i);
        }

        /** The node's index, or -1 for a node that is not a candidate (gone). */
        int index(String id) {
            Integer i = indexById.get(id);
            return i == null ? -1 : i;
        }

        byte[] idBytes(int i) {
            return idBytes[i];
        }

        /** The indexes of the nodes whose labels match the demand's constraints, in id order. */
        int[] matching(AppDemand demand) {
            int[] out = new int[nodes.size()];
            int k = 0;
            for (int i = 0; i < out.length; i++) {
                if (nodes.get(i).matches(demand.constraints())) {
                    out[k++] = i;
                }
            }
            return Arrays.copyOf(out, k);
        }

        /** The app's instances per node so far (one array per app, shared by both passes). */
        int[] counts(String app) {
            return appCounts.computeIfAbsent(app, a -> new int[nodes.size()]);
        }

        boolean fits(int node, AppDemand demand) {
            return freeCpu(node) >= demand.cpuMilli() && freeMemory(node) >= demand.memoryMb();
        }

        long freeCpu(int node) {
            return nodes.get(node).cpuMilli() - usedCpu[node];
        }

        long freeMemory(int node) {
            return nodes.get(node).memoryMb() - usedMemory[node];
        }

        void reserve(int node, AppDemand demand, int[] counts) {
            usedCpu[node] += demand.cpuMilli();
            usedMemory[node] += demand.memoryMb();
            counts[node]++;
        }
    }
}
