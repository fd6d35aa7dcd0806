package io.mycelium.fabric.placement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The placement function as it was before the cheaper fit (commit b9f1215): every unplaced slot
 * scores every qualifying node with {@link RendezvousHash#score}. Kept only as the reference that
 * {@link PlacementEquivalenceTest} compares {@link Placement} with on random inputs.
 *
 * <p>Original description: pure and deterministic: the same {@link PlacementInput}, in any list
 * order, gives the same {@link PlacementResult} on every node.
 *
 * <p>Two passes over the apps in name order and their slots in index order. First, every slot
 * that runs on a node that still qualifies stays there. Then every other slot goes to the
 * qualifying node with the highest weighted rendezvous score (weight: the node's CPU capacity). A
 * node qualifies for a slot when its labels match the plan's constraints, it has room for the
 * instance's nutrients after what is already placed on it, and it holds fewer than
 * ceil(instances / matching nodes) instances of the app, which spreads an app across nodes. When
 * spreading is impossible (every node at the spread limit but one has room) the limit is relaxed
 * rather than leaving the slot unplaced.
 */
final class ReferencePlacement {
    private ReferencePlacement() {
    }

    public static PlacementResult place(PlacementInput input) {
        List<NodeCandidate> nodes = input.nodes().stream().sorted(Comparator.comparing(NodeCandidate::nodeId)).toList();
        List<AppDemand> demands = input.demands().stream().sorted(Comparator.comparing(AppDemand::app)).toList();
        Ledger ledger = new Ledger(nodes);
        TreeMap<SlotId, String> assigned = new TreeMap<>();

        for (AppDemand demand : demands) {
            List<NodeCandidate> matching = matching(nodes, demand);
            int spreadLimit = spreadLimit(demand, matching);
            for (int i : demand.slots()) {
                SlotId slot = new SlotId(demand.app(), i);
                String where = input.current().get(slot);
                NodeCandidate node = where == null ? null : ledger.node(where);
                if (node != null && node.matches(demand.constraints()) && ledger.fits(node, demand)
                        && ledger.count(node, demand.app()) < spreadLimit) {
                    ledger.reserve(node, demand);
                    assigned.put(slot, node.nodeId());
                }
            }
        }

        List<PlacementResult.Unplaced> unplaced = new ArrayList<>();
        for (AppDemand demand : demands) {
            List<NodeCandidate> matching = matching(nodes, demand);
            int spreadLimit = spreadLimit(demand, matching);
            for (int i : demand.slots()) {
                SlotId slot = new SlotId(demand.app(), i);
                if (assigned.containsKey(slot)) {
                    continue;
                }
                NodeCandidate best = best(slot, matching, demand, ledger, spreadLimit);
                if (best == null) {
                    best = best(slot, matching, demand, ledger, Integer.MAX_VALUE);
                }
                if (best == null) {
                    unplaced.add(new PlacementResult.Unplaced(slot, whyNot(demand, nodes, matching, ledger)));
                } else {
                    ledger.reserve(best, demand);
                    assigned.put(slot, best.nodeId());
                }
            }
        }
        return new PlacementResult(assigned, unplaced);
    }

    private static List<NodeCandidate> matching(List<NodeCandidate> nodes, AppDemand demand) {
        return nodes.stream().filter(n -> n.matches(demand.constraints())).toList();
    }

    private static int spreadLimit(AppDemand demand, List<NodeCandidate> matching) {
        if (matching.isEmpty()) {
            return 0;
        }
        return (demand.instances() + matching.size() - 1) / matching.size();
    }

    private static NodeCandidate best(SlotId slot, List<NodeCandidate> matching, AppDemand demand, Ledger ledger, int spreadLimit) {
        NodeCandidate best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (NodeCandidate node : matching) {
            if (!ledger.fits(node, demand) || ledger.count(node, demand.app()) >= spreadLimit) {
                continue;
            }
            double score = RendezvousHash.score(slot, node.nodeId(), Math.max(1, node.cpuMilli()));
            if (score > bestScore) {
                best = node;
                bestScore = score;
            }
        }
        return best;
    }

    private static String whyNot(AppDemand demand, List<NodeCandidate> nodes, List<NodeCandidate> matching, Ledger ledger) {
        if (nodes.isEmpty()) {
            return "no live agent in the cluster";
        }
        if (matching.isEmpty()) {
            return "no live agent carries the labels " + new TreeMap<>(demand.constraints());
        }
        long mostCpu = matching.stream().mapToLong(ledger::freeCpu).max().orElse(0);
        long mostMem = matching.stream().mapToLong(ledger::freeMemory).max().orElse(0);
        return "needs cpu_milli=" + demand.cpuMilli() + " memory_mb=" + demand.memoryMb()
                + "; the most any matching agent has left is cpu_milli=" + mostCpu + " memory_mb=" + mostMem;
    }

    /** What placement has reserved so far on each node; local to one call. */
    private static final class Ledger {
        private final Map<String, NodeCandidate> byId = new HashMap<>();
        private final Map<String, long[]> used = new HashMap<>();
        private final Map<String, Map<String, Integer>> appCounts = new HashMap<>();

        Ledger(List<NodeCandidate> nodes) {
            for (NodeCandidate n : nodes) {
                byId.put(n.nodeId(), n);
                used.put(n.nodeId(), new long[2]);
                appCounts.put(n.nodeId(), new HashMap<>());
            }
        }

        NodeCandidate node(String id) {
            return byId.get(id);
        }

        boolean fits(NodeCandidate node, AppDemand demand) {
            return freeCpu(node) >= demand.cpuMilli() && freeMemory(node) >= demand.memoryMb();
        }

        long freeCpu(NodeCandidate node) {
            return node.cpuMilli() - used.get(node.nodeId())[0];
        }

        long freeMemory(NodeCandidate node) {
            return node.memoryMb() - used.get(node.nodeId())[1];
        }

        int count(NodeCandidate node, String app) {
            return appCounts.get(node.nodeId()).getOrDefault(app, 0);
        }

        void reserve(NodeCandidate node, AppDemand demand) {
            long[] u = used.get(node.nodeId());
            u[0] += demand.cpuMilli();
            u[1] += demand.memoryMb();
            appCounts.get(node.nodeId()).merge(demand.app(), 1, Integer::sum);
        }
    }
}
