package io.mycelium.cli.up;

import io.mycelium.agent.daemon.Agent;
import io.mycelium.agent.daemon.AgentConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * An agent as {@code mesh up} runs it: {@code UpAgentMain --config FILE}. Unlike a production agent
 * (whose workloads outlive it, to be adopted by its next run), it stops its workloads when it is
 * asked to stop, so that Ctrl-C on {@code mesh up} leaves no process behind. Prints one
 * {@code agent ID ready api=URL} line once ready.
 */
public final class UpAgentMain {
    private UpAgentMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2 || !args[0].equals("--config")) {
            System.err.println("usage: UpAgentMain --config FILE");
            System.exit(2);
        }
        AgentConfig config;
        try {
            config = AgentConfig.read(Path.of(args[1]));
        } catch (IllegalArgumentException e) {
            System.err.println("mesh up agent: " + e.getMessage());
            System.exit(2);
            return;
        }
        Agent agent;
        try {
            agent = Agent.start(config);
        } catch (Exception e) {
            System.err.println("mesh up agent: " + config.nodeId() + " could not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                agent.stopWorkloads(Duration.ofSeconds(20));
            } catch (Exception e) {
                System.err.println("mesh up agent: " + config.nodeId() + ": stopping workloads: " + e);
            }
            agent.close();
            System.out.println("agent " + config.nodeId() + " stopped with its workloads");
            System.out.flush();
            stopped.countDown();
        }, "agent-shutdown"));
        System.out.println("agent " + config.nodeId() + " ready api=" + agent.apiUrl());
        System.out.flush();
        stopped.await();
    }
}
