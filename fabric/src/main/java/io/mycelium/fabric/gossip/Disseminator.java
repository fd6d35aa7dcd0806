package io.mycelium.fabric.gossip;

import io.mycelium.fabric.metrics.FabricMetrics;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.fabric.state.MergeOutcome;
import io.mycelium.fabric.state.RecordKey;
import io.mycelium.fabric.state.StateStore;
import io.mycelium.spore.time.Clock;
import io.mycelium.fabric.wire.MalformedMessageException;
import io.mycelium.fabric.wire.WireCodec;
import io.mycelium.fabric.wire.WireMessage;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Spreads records between nodes. Two paths:
 * <ul>
 * <li><b>push</b>: a record new to this node is forwarded at once to {@code fanout} random peers,
 * then stays "hot" for a number of rounds in which it is pushed again to fresh random peers
 * (this covers message loss); a record this node publishes also goes at once to every leaf
 * peer (a console), which nobody picks at random and which relays nothing it receives;</li>
 * <li><b>anti-entropy</b>: every few seconds, and at once with a member that joins or returns,
 * the node compares bucket hashes of its whole state with one peer and both exchange what the
 * other lacks, so nothing is lost for good.</li>
 * </ul>
 * Thread-safe: all entry points synchronize on this object; sends happen inside (transports never block).
 */
public final class Disseminator {
    private record Hot(FabricRecord record, int roundsLeft) {
    }

    private final String self;
    private final StateStore store;
    private final Transport transport;
    private final PeerSampler peers;
    private final GossipConfig config;
    private final Clock clock;
    private final RandomGenerator random;
    private final FabricMetrics metrics;
    private final Map<RecordKey, Hot> hot = new LinkedHashMap<>();
    private long rounds;

    public Disseminator(StateStore store, Transport transport, PeerSampler peers, GossipConfig config, Clock clock,
                        RandomGenerator random, FabricMetrics metrics) {
        this.store = Objects.requireNonNull(store, "store");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.self = transport.localId();
        this.peers = Objects.requireNonNull(peers, "peers");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        transport.receiver(this::receive);
    }

    public StateStore store() {
        return store;
    }

    /** Offers a record written or submitted at this node; if new, spreads it at once (and to every leaf peer). */
    public synchronized MergeOutcome publish(FabricRecord r) {
        MergeOutcome o = offer(r);
        if (o.applied()) {
            List<FabricRecord> one = List.of(r);
            if (config.forwardOnReceipt()) {
                pushTo(peers.sample(config.fanout(), random, null), one);
            }
            pushTo(peers.leaves(), one);
            makeHot(one);
        }
        return o;
    }

    private MergeOutcome offer(FabricRecord r) {
        MergeOutcome o = store.offer(r, clock.millis());
        metrics.increment("records_" + o.kind().name().toLowerCase(java.util.Locale.ROOT));
        return o;
    }

    private int retransmitRounds() {
        int n = Math.max(1, peers.size());
        return config.retransmitMult() * (int) Math.ceil(Math.log10(n + 1.0));
    }

    private void makeHot(List<FabricRecord> records) {
        int rounds = retransmitRounds();
        for (FabricRecord r : records) {
            hot.put(r.key(), new Hot(r, rounds));
        }
    }

    /** One push round: hot records to {@code fanout} random peers. Also collects old tombstones now and then. */
    public synchronized void tick() {
        rounds++;
        if (!hot.isEmpty()) {
            List<FabricRecord> batch = new ArrayList<>();
            int bytes = 0;
            Iterator<Map.Entry<RecordKey, Hot>> it = hot.entrySet().iterator();
            while (it.hasNext() && bytes < config.maxPushBytes()) {
                Map.Entry<RecordKey, Hot> e = it.next();
                Hot h = e.getValue();
                batch.add(h.record());
                bytes += 64 + (h.record().payload() == null ? 0 : h.record().payload().length());
                if (h.roundsLeft() <= 1) {
                    it.remove();
                } else {
                    e.setValue(new Hot(h.record(), h.roundsLeft() - 1));
                }
            }
            pushTo(peers.sample(config.fanout(), random, null), batch);
        }
        if (rounds % 50 == 0 && config.tombstoneTtlMs() > 0) {
            store.collectTombstones(clock.millis(), config.tombstoneTtlMs());
        }
    }

    /** One anti-entropy round with a random relay peer (a leaf peer only when there is no relay). */
    public synchronized void antiEntropyTick() {
        List<String> one = peers.sample(1, random, null);
        if (one.isEmpty()) {
            List<String> leaves = peers.leaves();
            one = leaves.isEmpty() ? one : List.of(leaves.get(random.nextInt(leaves.size())));
        }
        for (String p : one) {
            syncWith(p);
        }
    }

    /** Starts an anti-entropy exchange with one peer (e.g. one that just joined). */
    public synchronized void syncWith(String peer) {
        send(peer, new WireMessage.DigestRequest(store.bucketHashes()));
        metrics.increment("anti_entropy_started");
    }

    public synchronized long rounds() {
        return rounds;
    }

    public synchronized int hotCount() {
        return hot.size();
    }

    private void pushTo(List<String> targets, List<FabricRecord> records) {
        if (records.isEmpty() || targets.isEmpty()) {
            return;
        }
        byte[] bytes = WireCodec.encode(new WireMessage.Push(records));
        for (String t : targets) {
            sendBytes(t, bytes);
        }
    }

    private void send(String peer, WireMessage m) {
        sendBytes(peer, WireCodec.encode(m));
    }

    private void sendBytes(String peer, byte[] bytes) {
        metrics.increment("messages_sent");
        metrics.add("bytes_sent", bytes.length);
        transport.send(peer, bytes);
    }

    /** Handles one message from a peer; bad input is counted and dropped. */
    public synchronized void receive(String from, byte[] bytes) {
        metrics.increment("messages_received");
        metrics.add("bytes_received", bytes.length);
        WireMessage m;
        try {
            m = WireCodec.decode(bytes);
        } catch (MalformedMessageException e) {
            metrics.increment("dropped_" + e.reason());
            return;
        }
        switch (m) {
            case WireMessage.Push p -> onPush(from, p);
            case WireMessage.DigestRequest d -> onDigestRequest(from, d);
            case WireMessage.DigestReply r -> onDigestReply(from, r);
            case WireMessage.Delta d -> onDelta(from, d);
        }
    }

    private void onPush(String from, WireMessage.Push p) {
        List<FabricRecord> fresh = new ArrayList<>();
        for (FabricRecord r : p.records()) {
            if (offer(r).applied()) {
                fresh.add(r);
            }
        }
        if (!fresh.isEmpty() && config.relay()) {
            if (config.forwardOnReceipt()) {
                pushTo(peers.sample(config.fanout(), random, from), fresh);
            }
            makeHot(fresh);
        }
    }

    private void onDigestRequest(String from, WireMessage.DigestRequest d) {
        List<Integer> differ = store.differingBuckets(d.buckets());
        if (differ.isEmpty()) {
            return;
        }
        List<Integer> chosen = new ArrayList<>();
        List<StateStore.Summary> summaries = new ArrayList<>();
        for (int b : differ) {
            List<StateStore.Summary> s = store.summaries(List.of(b));
            if (!chosen.isEmpty() && (summaries.size() + s.size()) * 120L > WireCodec.MAX_MESSAGE / 2) {
                break;
            }
            chosen.add(b);
            summaries.addAll(s);
        }
        send(from, new WireMessage.DigestReply(chosen, summaries));
    }

    private void onDigestReply(String from, WireMessage.DigestReply r) {
        StateStore.Comparison c = store.compare(r.buckets(), r.summaries());
        if (c.give().isEmpty() && c.want().isEmpty()) {
            return;
        }
        sendDeltas(from, c.give(), c.want(), c.want().isEmpty());
    }

    private void onDelta(String from, WireMessage.Delta d) {
        List<FabricRecord> fresh = new ArrayList<>();
        for (FabricRecord r : d.records()) {
            if (offer(r).applied()) {
                fresh.add(r);
            }
        }
        if (config.relay()) {
            makeHot(fresh);
        }
        if (!d.last() && !d.wants().isEmpty()) {
            List<FabricRecord> give = new ArrayList<>();
            for (RecordKey k : d.wants()) {
                FabricRecord r = store.get(k);
                if (r != null) {
                    give.add(r);
                }
            }
            sendDeltas(from, give, List.of(), true);
        }
    }

    private void sendDeltas(String peer, List<FabricRecord> give, List<RecordKey> want, boolean last) {
        List<FabricRecord> chunk = new ArrayList<>();
        long bytes = 0;
        boolean first = true;
        for (FabricRecord r : give) {
            long size = 128 + (r.payload() == null ? 0 : r.payload().length() * 3L);
            if (!chunk.isEmpty() && bytes + size > WireCodec.MAX_MESSAGE / 2) {
                send(peer, new WireMessage.Delta(chunk, first ? want : List.of(), !first || last));
                first = false;
                chunk = new ArrayList<>();
                bytes = 0;
            }
            chunk.add(r);
            bytes += size;
        }
        send(peer, new WireMessage.Delta(chunk, first ? want : List.of(), !first || last));
    }
}
