/**
 * The one way the agent's background loops make threads and survive a failing task: daemon
 * threads named for their role, and a guard that logs a task's failure instead of letting it
 * silently cancel a periodic schedule.
 */
package io.mycelium.agent.task;
