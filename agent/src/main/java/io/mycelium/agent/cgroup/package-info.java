/**
 * Control groups, an optional ability of the process driver. A
 * {@link io.mycelium.agent.cgroup.CgroupController} creates one cgroup per instance (v1 with the
 * {@code cpu}, {@code memory} and {@code pids} hierarchies, or the v2 unified hierarchy), applies
 * cpu and memory limits, lists and kills its processes, and removes it. The driver works without
 * one; the nutrient ledger uses it to enforce budgets.
 */
package io.mycelium.agent.cgroup;
