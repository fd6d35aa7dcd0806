package io.mycelium.agent.daemon;

import io.mycelium.agent.cgroup.Cgroups;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs one agent from a JSON config file until TERM: {@code AgentMain --config FILE}. The
 * {@code mesh agent} command is the usual way in; this entry point lets {@code mesh up}, tests and
 * benchmarks start agents as plain processes. Prints one {@code agent <id> ready api=<url>} line
 * once ready. With {@link AgentConfig#stopWorkloadsOnExit()} (as {@code mesh up} writes it) the
 * agent stops its workloads when asked to stop, so that Ctrl-C leaves no process behind, and then
 * removes the empty groups under its cgroup root (such an agent owns its root alone).
 */
public final class AgentMain {
    private static final Duration WORKLOAD_STOP_TIMEOUT = Duration.ofSeconds(20);

    private AgentMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 2 || !args[0].equals("--config")) {
            err.println("usage: AgentMain --config FILE");
            return 2;
        }
        AgentConfig config;
        try {
            config = AgentConfig.read(Path.of(args[1]));
        } catch (IllegalArgumentException e) {
            err.println("mesh agent: " + e.getMessage());
            return 2;
        }
        return runUntilStopped(config, out, err);
    }

    /** Starts the agent, prints the ready line, and blocks until the JVM is asked to stop. */
    public static int runUntilStopped(AgentConfig config, PrintStream out, PrintStream err) {
        Agent agent;
        try {
            agent = Agent.start(config);
        } catch (Exception e) {
            err.println("mesh agent: " + config.nodeId() + " could not start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (config.stopWorkloadsOnExit()) {
                stopWorkloads(agent, config, out, err);
            }
            agent.close();
            stopped.countDown();
        }, "agent-shutdown"));
        (agent.enforcement().contains("NOT enforced") ? err : out).println(agent.enforcement());
        out.println("agent " + config.nodeId() + " ready api=" + agent.apiUrl());
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static void stopWorkloads(Agent agent, AgentConfig config, PrintStream out, PrintStream err) {
        try {
            agent.stopWorkloads(WORKLOAD_STOP_TIMEOUT);
            if (config.cgroupRoot() != null) {
                // this agent's workloads are stopped: what is left under its own root is empty groups of earlier runs
                List<Path> busy = Cgroups.removeEmpty(config.cgroupRoot());
                if (!busy.isEmpty()) {
                    err.println("mesh agent: " + config.nodeId() + ": " + busy.size() + " cgroup(s) under " + config.cgroupRoot()
                            + " still hold processes: " + busy);
                }
            }
            out.println("agent " + config.nodeId() + " stopped with its workloads");
        } catch (Exception e) {
            err.println("mesh agent: " + config.nodeId() + ": stopping workloads: " + e.getMessage());
        }
        out.flush();
    }
}
