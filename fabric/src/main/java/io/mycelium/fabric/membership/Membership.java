package io.mycelium.fabric.membership;

import io.mycelium.fabric.gossip.Transport;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * Membership and failure detection, plus the message transport that rides on it. Implementations
 * are thread-safe; listeners are called on the membership's own thread and must not block.
 */
public interface Membership extends AutoCloseable {
    /** Joins (with the seeds given at construction); returns when this node is up. */
    void start();

    MemberInfo self();

    /** The other members currently alive, as this node sees them. */
    List<MemberInfo> others();

    void addListener(Consumer<MembershipEvent> listener);

    /** Extra peers to contact (from discovery or the on-disk peer list); merges clusters that formed apart. */
    void addSeeds(Collection<InetSocketAddress> seeds);

    /** Sends to other members by id, on the same sealed channel as the membership traffic. */
    Transport transport();

    @Override
    void close();
}
