package io.mycelium.fabric.gossip;

/**
 * Sends opaque messages to peers by node id. Best effort: a message may be lost, duplicated or
 * reordered. {@link #send} never blocks on the network. The receiver is called on the transport's
 * own thread (one at a time for the in-memory transport); it must not block.
 */
public interface Transport {
    /** Receives one message from a peer. */
    @FunctionalInterface
    interface Receiver {
        void receive(String from, byte[] message);
    }

    String localId();

    void send(String peer, byte[] message);

    void receiver(Receiver receiver);
}
