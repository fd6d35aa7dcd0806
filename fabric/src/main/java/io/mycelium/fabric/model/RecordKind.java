package io.mycelium.fabric.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The kinds of record the fabric replicates. Node-owned kinds are written only by their node;
 * operator kinds are signed by an operator key and keyed by app.
 */
public enum RecordKind {
    NODE("node", false, NodeInfo.class),
    CAPACITY("capacity", false, Capacity.class),
    TELEMETRY("telemetry", false, Telemetry.class),
    INSTANCE("instance", false, InstanceRecord.class),
    ENDPOINT("endpoint", false, EndpointRecord.class),
    PLAN("plan", true, Plan.class),
    BUDGET("budget", true, Budget.class),
    ROLLOUT("rollout", true, RolloutCommand.class),
    /** After the first eight, so that the wire codec's kind numbers of the others stay as they were; new kinds go last. */
    HOLDINGS("holdings", false, Holdings.class),
    /** What a node observed of an app's rollout (name: the app). */
    ROLLOUT_PROGRESS("rollout_progress", false, RolloutProgress.class),
    /** What a router applies to an app and its in-flight counts (name: the app): the switch barrier's input. */
    ROUTING("routing", false, RoutingReport.class),
    /** The cluster's default price (name: {@link Price#CLUSTER}). */
    PRICE("price", true, Price.class),
    /** What a node's instances of an app used and spent (name: the app); monotonic counters. */
    USAGE("usage", false, Usage.class),
    /** The autoscaler's decision for an app (name: the app). */
    SCALE("scale", false, ScaleDecision.class),
    /** Where a node's hyphae router takes calls from other routers (one per node). */
    HYPHAE("hyphae", false, HyphaeInfo.class),
    /** Whether one app may call another through the hyphae routers (name: {@code caller>callee}). */
    INTENTION("intention", true, Intention.class);

    /** The owner field of every operator record's key. */
    public static final String OPERATOR = "operator";

    private final String wireName;
    private final boolean operator;
    private final Class<?> payloadType;

    RecordKind(String wireName, boolean operator, Class<?> payloadType) {
        this.wireName = wireName;
        this.operator = operator;
        this.payloadType = payloadType;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public boolean operator() {
        return operator;
    }

    public Class<?> payloadType() {
        return payloadType;
    }

    @JsonCreator
    public static RecordKind parse(String text) {
        for (RecordKind k : values()) {
            if (k.wireName.equals(text)) {
                return k;
            }
        }
        throw new IllegalArgumentException("record kind '" + text + "' is unknown");
    }

    /** The kind whose payload is of this type. */
    public static RecordKind of(Object payload) {
        for (RecordKind k : values()) {
            if (k.payloadType == payload.getClass()) {
                return k;
            }
        }
        throw new IllegalArgumentException(payload.getClass().getSimpleName() + " is not a fabric record payload");
    }
}
