/**
 * Supervised instances. The {@link io.mycelium.agent.instance.Supervisor} takes an instance
 * through its explicit lifecycle ({@link io.mycelium.fabric.model.InstanceState}: Idle, Launching,
 * Ready, Draining, Stopped, plus Failed and CrashLoop), launches it through a process driver,
 * probes its health, restarts it after a crash or failed liveness with jittered exponential
 * backoff, stops its whole process group (TERM, grace, KILL), persists what runs in the agent's
 * data dir with atomic writes, and adopts those processes after an agent restart. Every
 * transition goes to an {@link io.mycelium.agent.instance.InstanceListener}.
 */
package io.mycelium.agent.instance;
