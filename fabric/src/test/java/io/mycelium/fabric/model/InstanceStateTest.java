package io.mycelium.fabric.model;

import org.junit.jupiter.api.Test;

import static io.mycelium.fabric.model.InstanceState.CRASH_LOOP;
import static io.mycelium.fabric.model.InstanceState.DRAINING;
import static io.mycelium.fabric.model.InstanceState.FAILED;
import static io.mycelium.fabric.model.InstanceState.IDLE;
import static io.mycelium.fabric.model.InstanceState.LAUNCHING;
import static io.mycelium.fabric.model.InstanceState.READY;
import static io.mycelium.fabric.model.InstanceState.STOPPED;
import static org.assertj.core.api.Assertions.assertThat;

class InstanceStateTest {
    @Test
    void theHappyPathIsAllowed() {
        assertThat(IDLE.canMoveTo(LAUNCHING)).isTrue();
        assertThat(LAUNCHING.canMoveTo(READY)).isTrue();
        assertThat(READY.canMoveTo(DRAINING)).isTrue();
        assertThat(DRAINING.canMoveTo(STOPPED)).isTrue();
    }

    @Test
    void stoppedIsFinalAndDrainingOnlyEndsInStopped() {
        for (InstanceState s : InstanceState.values()) {
            assertThat(STOPPED.canMoveTo(s)).isFalse();
        }
        assertThat(DRAINING.next()).containsExactly(STOPPED);
    }

    @Test
    void onlyHealthyInstancesBecomeReady() {
        for (InstanceState s : InstanceState.values()) {
            assertThat(s.canMoveTo(READY)).as(s + " -> READY").isEqualTo(s == LAUNCHING);
        }
    }

    @Test
    void failuresLeadBackToLaunchingOrToAStop() {
        assertThat(FAILED.next()).contains(LAUNCHING, CRASH_LOOP, DRAINING, STOPPED).doesNotContain(READY);
        assertThat(CRASH_LOOP.next()).contains(LAUNCHING, DRAINING).doesNotContain(READY);
        assertThat(READY.canMoveTo(LAUNCHING)).as("an operator's restart relaunches a Ready instance in place").isTrue();
        assertThat(READY.canMoveTo(CRASH_LOOP)).isTrue();
    }
}
