package io.mycelium.agent.driver;

import io.mycelium.agent.cgroup.Cgroup;
import io.mycelium.agent.cgroup.CgroupController;
import io.mycelium.agent.trace.Hops;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs each instance as a local process: {@code setsid} makes it the leader of a new session and
 * process group (so pid = pgid), a small {@code sh} step puts it into its cgroup before the
 * workload is executed, and {@code setpriv} drops to the workload user when the agent is root.
 * Output is appended straight to files (no pipe to the agent, so it survives an agent restart).
 * Thread-safe.
 */
public final class LocalProcessDriver implements ProcessDriver {
    /** Joins each cgroup.procs file given as arguments, then executes the rest of the command line. */
    private static final String JOIN_CGROUP = "n=$1; shift; while [ \"$n\" -gt 0 ]; do echo $$ > \"$1\" || exit 125; "
            + "shift; n=$((n-1)); done; exec \"$@\"";
    private static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";

    /**
     * @param user        the account workloads run as (present only when the agent is root)
     * @param cgroups     cgroup support, if the host offers it
     * @param bindAddress the address workloads should listen on, given to them as {@code MYCELIUM_BIND_ADDRESS}
     */
    public record Options(Optional<WorkloadUser> user, Optional<CgroupController> cgroups, String bindAddress) {
        public Options {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(cgroups, "cgroups");
            Objects.requireNonNull(bindAddress, "bindAddress");
        }
    }

    private final Options options;

    public LocalProcessDriver(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * The driver for this host: workloads run as {@code workloadUser} when the agent is root, in
     * cgroups under {@code cgroupRoot} when the host offers writable cgroups (v2, else v1).
     */
    public static LocalProcessDriver forHost(String workloadUser, String cgroupRoot, String bindAddress) {
        return new LocalProcessDriver(new Options(WorkloadUser.forAgent(workloadUser),
                io.mycelium.agent.cgroup.Cgroups.detect(cgroupRoot), bindAddress));
    }

    public Options options() {
        return options;
    }

    @Override
    public RunningProcess launch(LaunchSpec spec) throws LaunchException {
        checkExecutable(spec);
        prepareDirs(spec);
        Hops.mark(spec.instanceId(), "dirs-ready");
        Optional<Cgroup> cgroup = createCgroup(spec);
        Hops.mark(spec.instanceId(), "cgroup-ready");
        Map<String, String> env = environment(spec);
        List<String> args;
        try {
            args = ArgExpansion.expand(spec.args(), env);
        } catch (IllegalArgumentException e) {
            cgroup.ifPresent(LocalProcessDriver::removeQuietly);
            throw new LaunchException("instance " + spec.instanceId() + ": " + e.getMessage(), true);
        }
        ProcessBuilder pb = new ProcessBuilder(command(spec, args, cgroup))
                .directory(spec.sporeDir().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(spec.stdoutLog().toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(spec.stderrLog().toFile()));
        pb.environment().clear();
        pb.environment().putAll(env);
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            cgroup.ifPresent(LocalProcessDriver::removeQuietly);
            throw new LaunchException("instance " + spec.instanceId() + ": cannot start " + spec.executable() + ": " + e.getMessage(), false, e);
        }
        long pid = process.pid();
        Hops.mark(spec.instanceId(), "process-started");
        long startTicks = ProcStat.read(pid).map(ProcStat::startTicks).orElse(0L);
        ProcessRef ref = new ProcessRef(pid, pid, startTicks, cgroup.map(Cgroup::name));
        return new ChildProcess(process, ref, cgroup);
    }

    @Override
    public Optional<RunningProcess> adopt(ProcessRef ref) {
        Objects.requireNonNull(ref, "ref");
        Optional<ProcStat> stat = ProcStat.read(ref.pid());
        if (stat.isEmpty() || !stat.get().running() || stat.get().startTicks() != ref.startTicks()) {
            return Optional.empty();
        }
        Optional<Cgroup> cgroup = ref.cgroup().flatMap(name -> options.cgroups().flatMap(c -> c.find(name)));
        return Optional.of(new AdoptedProcess(ref, cgroup));
    }

    @Override
    public void reapLeftovers(ProcessRef ref) {
        Optional<Cgroup> cgroup = ref.cgroup().flatMap(name -> options.cgroups().flatMap(c -> c.find(name)));
        // Only processes still in the old session are ours: a reused pgid would belong to another session.
        List<Long> inSession = ProcessGroups.members(ref.pgid()).stream()
                .filter(pid -> ProcStat.read(pid).map(s -> s.sid() == ref.pgid()).orElse(false)).toList();
        if (!inSession.isEmpty()) {
            ProcessGroups.signal(ref.pgid(), Signal.KILL);
        }
        cgroup.ifPresent(Cgroup::killAll);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline && (cgroup.map(c -> !c.pids().isEmpty()).orElse(false)
                || inSession.stream().anyMatch(pid -> ProcStat.read(pid).map(ProcStat::running).orElse(false)))) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        cgroup.ifPresent(LocalProcessDriver::removeQuietly);
    }

    private static void checkExecutable(LaunchSpec spec) throws LaunchException {
        Path exe = spec.executable();
        if (!Files.exists(exe)) {
            throw new LaunchException("instance " + spec.instanceId() + ": executable " + exe
                    + " does not exist; check the spore's manifest entry point", true);
        }
        if (!Files.isRegularFile(exe) || !Files.isExecutable(exe)) {
            throw new LaunchException("instance " + spec.instanceId() + ": " + exe
                    + " is not an executable file; check its permissions (chmod +x)", true);
        }
    }

    private void prepareDirs(LaunchSpec spec) throws LaunchException {
        try {
            Files.createDirectories(spec.runDir());
            Files.createDirectories(spec.workDir());
            Files.createDirectories(spec.dataDir());
            Files.createDirectories(spec.logDir());
            if (options.user().isPresent()) {
                WorkloadUser user = options.user().get();
                checkSearchable(spec, user);
                // The run dir stays the agent's but others may pass through it; work and data become the user's.
                Files.setPosixFilePermissions(spec.runDir(), PosixFilePermissions.fromString("rwxr-xr-x"));
                for (Path dir : List.of(spec.workDir(), spec.dataDir())) {
                    Files.setAttribute(dir, "unix:uid", user.uid());
                    Files.setAttribute(dir, "unix:gid", user.gid());
                }
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new LaunchException("instance " + spec.instanceId() + ": cannot prepare run dir " + spec.runDir() + ": " + e.getMessage(), false, e);
        }
    }

    /** The workload user must be able to pass through every directory above its run dir. */
    private static void checkSearchable(LaunchSpec spec, WorkloadUser user) throws IOException, LaunchException {
        for (Path dir = spec.runDir().getParent(); dir != null; dir = dir.getParent()) {
            PosixFileAttributes a = Files.readAttributes(dir, PosixFileAttributes.class);
            Set<PosixFilePermission> p = a.permissions();
            int owner = (Integer) Files.getAttribute(dir, "unix:uid");
            int group = (Integer) Files.getAttribute(dir, "unix:gid");
            boolean ok = owner == user.uid() ? p.contains(PosixFilePermission.OWNER_EXECUTE)
                    : group == user.gid() ? p.contains(PosixFilePermission.GROUP_EXECUTE)
                    : p.contains(PosixFilePermission.OTHERS_EXECUTE);
            if (!ok) {
                throw new LaunchException("instance " + spec.instanceId() + ": workload user " + user.name() + " cannot enter "
                        + dir + " (mode " + PosixFilePermissions.toString(p) + "); allow it with chmod o+x " + dir
                        + " or put the agent's data dir elsewhere", true);
            }
        }
    }

    private Optional<Cgroup> createCgroup(LaunchSpec spec) throws LaunchException {
        if (options.cgroups().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(options.cgroups().get().create(spec.instanceId(), spec.limits().startup()));
        } catch (IOException e) {
            throw new LaunchException("instance " + spec.instanceId() + ": cannot create its cgroup: " + e.getMessage(), false, e);
        }
    }

    private List<String> command(LaunchSpec spec, List<String> args, Optional<Cgroup> cgroup) {
        List<String> cmd = new ArrayList<>();
        cmd.add("setsid");
        cgroup.ifPresent(c -> {
            cmd.addAll(List.of("/bin/sh", "-c", JOIN_CGROUP, "mycelium-join", Integer.toString(c.procsFiles().size())));
            c.procsFiles().forEach(f -> cmd.add(f.toString()));
        });
        options.user().ifPresent(u -> cmd.addAll(List.of("setpriv", "--reuid=" + u.uid(), "--regid=" + u.gid(), "--clear-groups", "--")));
        cmd.add(spec.executable().toString());
        cmd.addAll(args);
        return cmd;
    }

    /** A clean environment: a fixed PATH, the plan's variables, then ours, which the plan cannot override. */
    Map<String, String> environment(LaunchSpec spec) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", DEFAULT_PATH);
        env.put("HOME", spec.workDir().toString());
        env.putAll(spec.env());
        if (spec.port() > 0) {
            env.put("PORT", Integer.toString(spec.port()));
        }
        env.put("MYCELIUM_INSTANCE_ID", spec.instanceId());
        env.put("MYCELIUM_APP", spec.app());
        env.put("MYCELIUM_NODE", spec.node());
        env.put("MYCELIUM_DATA_DIR", spec.dataDir().toString());
        env.put("MYCELIUM_SPORE_DIR", spec.sporeDir().toString());
        env.put("MYCELIUM_BIND_ADDRESS", options.bindAddress());
        return env;
    }

    private static void removeQuietly(Cgroup cgroup) {
        try {
            cgroup.remove();
        } catch (IOException e) {
            // left for reapLeftovers or the next launch, which reuses the directory
        }
    }

    /** Shared group handling for launched and adopted processes. */
    private abstract static class GroupProcess implements RunningProcess {
        final ProcessRef ref;
        final Optional<Cgroup> cgroup;

        GroupProcess(ProcessRef ref, Optional<Cgroup> cgroup) {
            this.ref = ref;
            this.cgroup = cgroup;
        }

        @Override
        public ProcessRef ref() {
            return ref;
        }

        @Override
        public void signalGroup(Signal signal) {
            ProcessGroups.signal(ref.pgid(), signal);
            // A child that made itself a new session left the group but not the cgroup.
            if (signal == Signal.KILL) {
                cgroup.ifPresent(Cgroup::killAll);
            } else {
                cgroup.ifPresent(c -> c.pids().forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy)));
            }
        }

        @Override
        public Optional<io.mycelium.agent.cgroup.CgroupStats> cgroupStats() {
            return cgroup.flatMap(Cgroup::stats);
        }

        @Override
        public boolean groupAlive() {
            // The cgroup first: one small read, where the group's members are a scan of all of /proc
            // (the stop loop asks every 20 ms for the whole grace period, while other instances start).
            return cgroup.map(c -> !c.pids().isEmpty()).orElse(false) || !ProcessGroups.members(ref.pgid()).isEmpty();
        }

        @Override
        public void limitCpu(int cpuMilli) {
            if (cgroup.isPresent()) {
                try {
                    cgroup.get().limitCpu(cpuMilli);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }

        @Override
        public void release() {
            if (cgroup.isPresent()) {
                try {
                    cgroup.get().remove();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private static final class ChildProcess extends GroupProcess {
        private final Process process;
        private final CompletableFuture<ExitStatus> exit;

        ChildProcess(Process process, ProcessRef ref, Optional<Cgroup> cgroup) {
            super(ref, cgroup);
            this.process = process;
            this.exit = process.onExit().thenApply(p -> new ExitStatus(p.exitValue(), true));
        }

        @Override
        public boolean isAlive() {
            return process.isAlive();
        }

        @Override
        public CompletableFuture<ExitStatus> onExit() {
            return exit;
        }

        @Override
        public boolean adopted() {
            return false;
        }
    }

    private static final class AdoptedProcess extends GroupProcess {
        private final CompletableFuture<ExitStatus> exit = new CompletableFuture<>();

        AdoptedProcess(ProcessRef ref, Optional<Cgroup> cgroup) {
            super(ref, cgroup);
        }

        @Override
        public boolean isAlive() {
            boolean alive = ProcStat.read(ref.pid()).map(s -> s.running() && s.startTicks() == ref.startTicks()).orElse(false);
            if (!alive) {
                exit.complete(ExitStatus.unknown());
            }
            return alive;
        }

        @Override
        public CompletableFuture<ExitStatus> onExit() {
            return exit;
        }

        @Override
        public boolean adopted() {
            return true;
        }
    }
}
