package io.mycelium.fabric.model;

/** The lifecycle of one instance: Idle, Launching, Ready, Draining, Stopped, and Failed. */
public enum InstanceState {
    IDLE, LAUNCHING, READY, DRAINING, STOPPED, FAILED
}
