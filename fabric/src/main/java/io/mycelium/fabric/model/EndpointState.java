package io.mycelium.fabric.model;

/** Whether an endpoint takes new requests (READY) or only finishes its in-flight ones (DRAINING). */
public enum EndpointState {
    READY, DRAINING
}
