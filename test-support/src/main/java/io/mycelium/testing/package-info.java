/**
 * What the modules' tests share, so that each thing is written once: free loopback ports
 * ({@link io.mycelium.testing.Ports}), signed spores packed for a test, and processes a test
 * starts and stops by their own PID. Depends on {@code spore} only, so every module above it
 * (fabric, client, agent, edge, cli, dist) takes it as a test dependency; the in-JVM and
 * real-process cluster harnesses that need the agent are in the agent's and the CLI's tests and
 * are built on these.
 */
package io.mycelium.testing;
