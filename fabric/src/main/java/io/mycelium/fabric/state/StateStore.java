package io.mycelium.fabric.state;

import io.mycelium.fabric.model.Json;
import io.mycelium.spore.key.TrustStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * One node's copy of the replicated records and the merge rule. Thread-safe: every method holds
 * the store's lock; listeners run on the calling thread after the lock is released.
 *
 * <p>Records are spread over {@link #BUCKETS} buckets by key; each bucket keeps the XOR of its
 * records' content hashes, so two nodes compare their whole state with 64 longs and exchange only
 * the buckets that differ (anti-entropy).
 */
public final class StateStore {
    public static final int BUCKETS = 64;

    private record Held(FabricRecord record, long hash, long storedAtMillis) {
    }

    private final TrustStore operators;
    private final boolean validatePayloads;
    private final Map<RecordKey, Held> records = new TreeMap<>();
    private final long[] buckets = new long[BUCKETS];
    private final List<Consumer<FabricRecord>> listeners = new CopyOnWriteArrayList<>();

    /**
     * @param operators keys whose operator records are accepted
     * @param validatePayloads parse each new payload as its kind (off only in large simulations)
     */
    public StateStore(TrustStore operators, boolean validatePayloads) {
        this.operators = Objects.requireNonNull(operators, "operators");
        this.validatePayloads = validatePayloads;
    }

    public static int bucketOf(RecordKey key) {
        return Math.floorMod(key.hashCode() * 0x9E3779B1, BUCKETS);
    }

    /** Called with every record that this store newly applied. */
    public void addListener(Consumer<FabricRecord> listener) {
        listeners.add(listener);
    }

    /** Merges one record; {@code nowMillis} stamps it for tombstone collection. */
    public MergeOutcome offer(FabricRecord r, long nowMillis) {
        MergeOutcome outcome;
        synchronized (this) {
            outcome = merge(r, nowMillis);
        }
        if (outcome.applied()) {
            for (Consumer<FabricRecord> l : listeners) {
                l.accept(r);
            }
        }
        return outcome;
    }

    private MergeOutcome merge(FabricRecord r, long nowMillis) {
        Held held = records.get(r.key());
        if (held != null) {
            int c = r.compareForMerge(held.record());
            if (c == 0) {
                return MergeOutcome.DUPLICATE;
            }
            if (c < 0) {
                if (r.key().kind().operator() && r.version().major() < held.record().version().major()) {
                    return new MergeOutcome(MergeOutcome.Kind.ROLLBACK, r.key() + ": revision " + r.version().major()
                            + " is lower than the held revision " + held.record().version().major());
                }
                return MergeOutcome.STALE;
            }
        }
        MergeOutcome bad = check(r);
        if (bad != null) {
            return bad;
        }
        long hash = r.contentHash();
        int b = bucketOf(r.key());
        if (held != null) {
            buckets[b] ^= held.hash();
        }
        buckets[b] ^= hash;
        records.put(r.key(), new Held(r, hash, nowMillis));
        return MergeOutcome.APPLIED;
    }

    private MergeOutcome check(FabricRecord r) {
        if (r.key().kind().operator()) {
            String problem = OperatorRecords.problem(r, operators);
            if (problem != null) {
                return new MergeOutcome(problem.equals("unsigned") ? MergeOutcome.Kind.UNSIGNED : MergeOutcome.Kind.FORGED,
                        r.key() + ": " + problem);
            }
        }
        if (validatePayloads && !r.tombstone()) {
            try {
                Json.read(r.payload(), r.key().kind().payloadType());
            } catch (IllegalArgumentException e) {
                return new MergeOutcome(MergeOutcome.Kind.MALFORMED, r.key() + ": " + e.getMessage());
            }
        }
        return null;
    }

    public synchronized FabricRecord get(RecordKey key) {
        Held h = records.get(key);
        return h == null ? null : h.record();
    }

    /** Every record held, tombstones included, in key order. */
    public synchronized List<FabricRecord> all() {
        List<FabricRecord> out = new ArrayList<>(records.size());
        for (Held h : records.values()) {
            out.add(h.record());
        }
        return out;
    }

    public synchronized int size() {
        return records.size();
    }

    public synchronized long[] bucketHashes() {
        return buckets.clone();
    }

    /** Summaries (key, version, hash) of the records in the given buckets. */
    public synchronized List<Summary> summaries(List<Integer> wanted) {
        boolean[] want = new boolean[BUCKETS];
        for (int b : wanted) {
            want[b] = true;
        }
        List<Summary> out = new ArrayList<>();
        for (Map.Entry<RecordKey, Held> e : records.entrySet()) {
            if (want[bucketOf(e.getKey())]) {
                out.add(new Summary(e.getKey(), e.getValue().record().version(), e.getValue().hash()));
            }
        }
        return out;
    }

    /** Buckets whose hash differs from the given ones. */
    public synchronized List<Integer> differingBuckets(long[] theirs) {
        List<Integer> out = new ArrayList<>();
        for (int b = 0; b < BUCKETS; b++) {
            if (theirs[b] != buckets[b]) {
                out.add(b);
            }
        }
        return out;
    }

    /**
     * Compares a peer's summaries of some buckets with ours: the records we hold that the peer
     * lacks or holds older, and the keys the peer holds newer or that we lack.
     */
    public synchronized Comparison compare(List<Integer> buckets, List<Summary> theirs) {
        Map<RecordKey, Summary> peer = new TreeMap<>();
        for (Summary s : theirs) {
            peer.put(s.key(), s);
        }
        boolean[] in = new boolean[BUCKETS];
        for (int b : buckets) {
            in[b] = true;
        }
        List<FabricRecord> give = new ArrayList<>();
        List<RecordKey> want = new ArrayList<>();
        for (Map.Entry<RecordKey, Held> e : records.entrySet()) {
            if (!in[bucketOf(e.getKey())]) {
                continue;
            }
            Summary s = peer.remove(e.getKey());
            if (s == null || s.version().compareTo(e.getValue().record().version()) < 0) {
                give.add(e.getValue().record());
            } else if (s.version().compareTo(e.getValue().record().version()) > 0) {
                want.add(e.getKey());
            } else if (s.hash() != e.getValue().hash()) {
                give.add(e.getValue().record());
                want.add(e.getKey());
            }
        }
        want.addAll(peer.keySet());
        return new Comparison(give, want);
    }

    /** What anti-entropy sends and asks for. */
    public record Comparison(List<FabricRecord> give, List<RecordKey> want) {
        public Comparison {
            give = List.copyOf(give);
            want = List.copyOf(want);
        }
    }

    /** Collects tombstones stored longer than {@code ttlMillis} ago; returns how many. */
    public synchronized int collectTombstones(long nowMillis, long ttlMillis) {
        int n = 0;
        var it = records.entrySet().iterator();
        while (it.hasNext()) {
            var e = it.next();
            Held h = e.getValue();
            if (h.record().tombstone() && nowMillis - h.storedAtMillis() >= ttlMillis) {
                buckets[bucketOf(e.getKey())] ^= h.hash();
                it.remove();
                n++;
            }
        }
        return n;
    }

    /** (key, version, hash) of one record, as anti-entropy exchanges them. */
    public record Summary(RecordKey key, Version version, long hash) {
        public Summary {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(version, "version");
        }
    }
}
