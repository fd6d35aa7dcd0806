package io.mycelium.console.events;

import io.mycelium.console.events.AuditEvent.Kind;
import io.mycelium.console.events.AuditEvent.Trust;
import io.mycelium.fabric.ClusterMember;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.model.Budget;
import io.mycelium.fabric.model.InstanceRecord;
import io.mycelium.fabric.model.Intention;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.model.Price;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.fabric.model.RolloutCommand;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.fabric.state.OperatorRecords;
import io.mycelium.spore.key.KeyId;
import io.mycelium.spore.key.TrustStore;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns successive views of one cluster into events and keeps the newest {@code capacity} of them.
 * The first view is a baseline: operator records in it are listed (the audit trail so far), node
 * states are not. Not thread-safe: the model owns it.
 */
public final class EventLog {
    private final String cluster;
    private final Optional<TrustStore> trust;
    private final int capacity;
    private final ArrayDeque<AuditEvent> events;
    private ClusterView last;

    public EventLog(String cluster, Optional<TrustStore> trust, int capacity) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.trust = Objects.requireNonNull(trust, "trust");
        this.capacity = capacity;
        this.events = new ArrayDeque<>(capacity);
    }

    /** Adds what changed from the previous view to {@code next}, as seen at {@code nowMs}. */
    public void observe(ClusterView next, long nowMs) {
        ClusterView prev = last;
        last = next;
        for (ClusterMember m : next.members()) {
            Optional<ClusterMember> before = prev == null ? Optional.empty() : prev.member(m.id());
            if (prev != null && (before.isEmpty() || before.get().status() != m.status())) {
                add(new AuditEvent(nowMs, cluster, Kind.MEMBER, m.id(), m.role().wireName() + " " + m.id() + " is "
                        + m.status().name().toLowerCase(Locale.ROOT), "", Trust.NONE));
            }
        }
        for (FabricRecord r : next.records()) {
            Optional<FabricRecord> before = prev == null ? Optional.empty() : prev.record(r.key());
            if (before.isPresent() && before.get().version().equals(r.version())) {
                continue;
            }
            if (r.key().kind().operator()) {
                operatorEvent(r, nowMs).ifPresent(this::add);
            } else if (prev != null && r.key().kind() == RecordKind.INSTANCE) {
                instanceEvent(before, r, nowMs).ifPresent(this::add);
            }
        }
    }

    /** Records the outcome of a command this console gave. */
    public void command(long nowMs, String subject, String text, Optional<KeyId> signer) {
        add(new AuditEvent(nowMs, cluster, Kind.COMMAND, subject, text, signer.map(KeyId::shortForm).orElse(""), Trust.NONE));
    }

    /** The events, newest first. */
    public List<AuditEvent> newestFirst() {
        return List.copyOf(events.reversed());
    }

    private void add(AuditEvent e) {
        if (events.size() == capacity) {
            events.removeFirst();
        }
        events.addLast(e);
    }

    private Optional<AuditEvent> instanceEvent(Optional<FabricRecord> before, FabricRecord r, long nowMs) {
        Optional<InstanceRecord> now = r.value(InstanceRecord.class);
        Optional<InstanceRecord> was = before.flatMap(b -> b.value(InstanceRecord.class));
        String node = r.key().owner();
        if (now.isEmpty()) {
            return Optional.of(new AuditEvent(nowMs, cluster, Kind.INSTANCE, r.key().name(), r.key().name() + " on " + node + " is gone", "", Trust.NONE));
        }
        InstanceRecord i = now.get();
        if (was.isPresent() && was.get().state() == i.state() && was.get().restarts() == i.restarts()) {
            return Optional.empty();
        }
        String from = was.map(w -> w.state().name() + " -> ").orElse("new, ");
        String restarts = was.isPresent() && was.get().restarts() != i.restarts() ? " (restart " + i.restarts() + ")" : "";
        String why = i.message().isEmpty() ? "" : ": " + i.message();
        return Optional.of(new AuditEvent(nowMs, cluster, Kind.INSTANCE, i.instanceId(),
                i.instanceId() + " on " + node + " " + from + i.state().name() + restarts + why, "", Trust.NONE));
    }

    private Optional<AuditEvent> operatorEvent(FabricRecord r, long nowMs) {
        String app = r.key().name();
        String signer = r.version().tiebreak();
        String shortSigner = signer.length() > 12 ? signer.substring(0, 12) : signer;
        Trust t = trust.map(s -> OperatorRecords.problem(r, s) == null ? Trust.VERIFIED : Trust.FORGED).orElse(Trust.UNCHECKED);
        String rev = " revision " + r.version().major();
        return switch (r.key().kind()) {
            case PLAN -> Optional.of(new AuditEvent(nowMs, cluster, Kind.PLAN, app, r.value(Plan.class)
                    .map(p -> "plan " + app + rev + ": " + p.instances() + " x " + p.digest().shortForm() + ", " + p.strategy().kind().flag())
                    .orElse("plan " + app + " deleted at" + rev), shortSigner, t));
            case ROLLOUT -> Optional.of(new AuditEvent(nowMs, cluster, Kind.ROLLOUT, app, r.value(RolloutCommand.class)
                    .map(c -> "rollout " + c.action().name().toLowerCase(Locale.ROOT) + " " + app
                            + (c.target() == null ? "" : " to " + c.target().shortForm()) + (c.note().isEmpty() ? "" : " (" + c.note() + ")"))
                    .orElse("rollout of " + app + " deleted"), shortSigner, t));
            case BUDGET -> Optional.of(new AuditEvent(nowMs, cluster, Kind.BUDGET, app, r.value(Budget.class)
                    .map(b -> "budget " + app + rev + ": " + b.credits() + " credits").orElse("budget " + app + " deleted"), shortSigner, t));
            case PRICE -> Optional.of(new AuditEvent(nowMs, cluster, Kind.PRICE, app, r.value(Price.class)
                    .map(p -> "price" + rev + ": " + p.cpuSecond() + " credits per cpu-second, " + p.mbHour() + " per MB-hour")
                    .orElse("price deleted at" + rev + " (the default applies)"), shortSigner, t));
            case INTENTION -> Optional.of(new AuditEvent(nowMs, cluster, Kind.INTENTION, app, r.value(Intention.class)
                    .map(i -> "intention " + (i.isDefault() ? "default (* > *)" : i.caller() + " > " + i.callee()) + ": "
                            + i.action().wire() + rev)
                    .orElse("intention " + app.replace(">", " > ") + " removed at" + rev), shortSigner, t));
            default -> Optional.empty();
        };
    }
}
