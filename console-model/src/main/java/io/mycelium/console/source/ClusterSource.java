package io.mycelium.console.source;

import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.SubmitResult;
import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.key.KeyId;
import io.mycelium.spore.manifest.Manifest;
import io.mycelium.spore.verify.SporeInfo;
import java.util.List;
import java.util.Optional;

/**
 * One cluster as the console sees it. Threading: {@link #view()} and {@link #submit} may be called
 * from any thread; change listeners run on the source's own thread and must return quickly (the
 * model only marks itself stale there).
 */
public interface ClusterSource extends AutoCloseable {
    /** The cluster's name as the console shows it (the fabric's cluster name). */
    String name();

    /** The newest view this member has; on its side of a partition, what that side knows. */
    ClusterView view();

    /** Calls {@code listener} after every fabric change (record applied, membership change). */
    void onChange(Runnable listener);

    /** Whether the source is in touch with at least one other member. */
    boolean connected();

    /** The operator key that signs this console's commands; empty when the console is read-only. */
    Optional<KeyId> operator();

    /**
     * Signs {@code payload} (a Plan or RolloutCommand) with the operator key at the next revision of
     * {@code app}'s record of its kind, and submits it (for the live cluster:
     * {@link io.mycelium.client.member.ConsoleMember#submit}).
     */
    SubmitResult submit(Object payload, String app);

    /** A hybrid logical clock reading, for the clock fields of the payloads the console signs. */
    long hlcNow();

    /**
     * Asks the agent that runs {@code instanceId} (on {@code node}) to stop it (its slot is placed
     * again) or restart it in place, signed with the operator key; never throws.
     *
     * @param action {@code stop} or {@code restart}
     */
    Outcome instanceAction(String node, String instanceId, String action);

    /**
     * Uploads an inspected spore file into the repository of a live agent (peers fetch it from
     * there), signed with the operator key, as {@code mesh publish} does; never throws.
     */
    Outcome publish(SporeInfo spore);

    /** The manifest of a spore that a live agent holds, empty when none answers that it does. */
    Optional<Manifest> manifest(Digest digest);

    /** The last {@code tail} lines of an instance's stdout, from the agent that runs it. */
    LogLines logs(String node, String instanceId, int tail);

    @Override
    void close();

    /** What a request to an agent did: done with what it said, or refused with why. */
    record Outcome(boolean done, String message) {
        public Outcome {
            java.util.Objects.requireNonNull(message, "message");
        }

        public static Outcome done(String message) {
            return new Outcome(true, message);
        }

        public static Outcome refused(String why) {
            return new Outcome(false, why);
        }
    }

    /** Log lines, or why there are none. */
    record LogLines(List<String> lines, String problem) {
        public LogLines {
            lines = List.copyOf(lines);
            problem = problem == null ? "" : problem;
        }

        public static LogLines of(List<String> lines) {
            return new LogLines(lines, "");
        }

        public static LogLines failed(String problem) {
            return new LogLines(List.of(), problem);
        }
    }
}
