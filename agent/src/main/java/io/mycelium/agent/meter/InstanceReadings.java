package io.mycelium.agent.meter;

import io.mycelium.agent.cgroup.CgroupStats;
import io.mycelium.agent.instance.InstanceStatus;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What each running instance used, from the best source it has: its cgroup (the kernel's
 * accounting of the whole tree: v2 {@code cpu.stat usage_usec} and {@code memory.current}) where it
 * has one, /proc summed over its process group otherwise. On cgroup v1 the memory comes from the
 * cgroup and the CPU from /proc (the cpu hierarchy keeps no usage without cpuacct). One /proc scan
 * per tick, only when some instance needs it.
 */
final class InstanceReadings {
    private static final long MIB = 1024 * 1024;

    private final GroupUsage proc;
    private final Function<String, Optional<CgroupStats>> cgroups;

    /**
     * @param proc    the /proc reader
     * @param cgroups the cgroup stats of an instance by its id (empty: it has none)
     */
    InstanceReadings(GroupUsage proc, Function<String, Optional<CgroupStats>> cgroups) {
        this.proc = proc;
        this.cgroups = cgroups;
    }

    /** The reading of every instance of {@code live} that could be read, by instance id. */
    Map<String, GroupUsage.Reading> read(List<InstanceStatus> live) {
        Map<String, CgroupStats> stats = new HashMap<>();
        Set<Long> needProc = new HashSet<>();
        for (InstanceStatus i : live) {
            Optional<CgroupStats> s = cgroups.apply(i.instanceId());
            s.ifPresent(x -> stats.put(i.instanceId(), x));
            if (s.isEmpty() || !s.get().countsCpu()) {
                needProc.add(i.pid());
            }
        }
        Map<Long, GroupUsage.Reading> byGroup = proc.read(needProc);
        Map<String, GroupUsage.Reading> out = new HashMap<>();
        for (InstanceStatus i : live) {
            CgroupStats s = stats.get(i.instanceId());
            GroupUsage.Reading p = byGroup.get(i.pid());
            if (s != null && s.countsCpu()) {
                out.put(i.instanceId(), new GroupUsage.Reading(s.cpuMicros() / 1000, s.memoryBytes() / MIB));
            } else if (s != null && p != null) {
                out.put(i.instanceId(), new GroupUsage.Reading(p.cpuMillis(), s.memoryBytes() / MIB));
            } else if (p != null) {
                out.put(i.instanceId(), p);
            }
        }
        return out;
    }
}
