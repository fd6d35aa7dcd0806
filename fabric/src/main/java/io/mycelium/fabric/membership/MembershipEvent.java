package io.mycelium.fabric.membership;

/** A change of membership seen by this node. */
public record MembershipEvent(Type type, MemberInfo member, long atMillis) {
    public enum Type { JOINED, LEAVING, REMOVED, UPDATED }
}
