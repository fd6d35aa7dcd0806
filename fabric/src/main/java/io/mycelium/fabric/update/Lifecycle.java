package io.mycelium.fabric.update;

/** An instance's lifecycle: Idle -> Launching -> Ready -> Draining -> Stopped, or Failed. */
public enum Lifecycle {
    IDLE, LAUNCHING, READY, DRAINING, STOPPED, FAILED
}
