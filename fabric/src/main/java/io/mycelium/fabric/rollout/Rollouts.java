package io.mycelium.fabric.rollout;

import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.model.EndpointRecord;
import io.mycelium.fabric.model.EndpointState;
import io.mycelium.fabric.model.InstanceRecord;
import io.mycelium.fabric.model.InstanceState;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.fabric.model.RevisionEntry;
import io.mycelium.fabric.model.RolloutCommand;
import io.mycelium.fabric.model.RolloutProgress.Event;
import io.mycelium.fabric.model.RolloutProgress.Mark;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.fabric.state.Hlc;
import io.mycelium.fabric.state.RecordKey;
import io.mycelium.spore.digest.Digest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The rollout decision: a pure function of a {@link ClusterView} and the time. Two nodes with the
 * same view and time decide the same; nothing is inferred from which instances happen to exist
 * beyond their Ready counts. See README.md beside this file for the states and the glossary.
 *
 * <p>Inputs, all records: the app's plan (desired revision, instance count, strategy), its
 * {@link RolloutCommand} (the operators' last word: stable, target, promotions, pause, abort,
 * history), every node's {@code RolloutProgress} marks for the rollout, the instance records
 * (Ready counts), the routers' {@code RoutingReport}s (switch barrier) and the live members'
 * per-revision telemetry (analysis).
 */
public final class Rollouts {
    private Rollouts() {
    }

    /** The decision for every app with a plan, by app. */
    public static SortedMap<String, RolloutDecision> next(ClusterView view, Instant now) {
        SortedMap<String, RolloutDecision> out = new TreeMap<>();
        for (String app : view.plans().keySet()) {
            next(view, app, now).ifPresent(d -> out.put(app, d));
        }
        return out;
    }

    /** The decision for one app; empty when it has no plan (nothing should run). */
    public static Optional<RolloutDecision> next(ClusterView view, String app, Instant now) {
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(now, "now");
        Optional<Plan> plan = view.plan(app);
        if (plan.isEmpty()) {
            return Optional.empty();
        }
        Optional<RolloutCommand> cmd = command(view, app);
        if (!plan.get().strategy().managed()) {
            return Optional.of(unmanaged(view, plan.get(), cmd, "strategy surge: the agents replace each slot make-before-break"));
        }
        if (cmd.isEmpty() || !cmd.get().managed()) {
            return Optional.of(unmanaged(view, plan.get(), cmd, "no rollout was started: the plan's revision runs as it is"));
        }
        RolloutDecision d = new Walk(view, plan.get(), cmd.get(), now.toEpochMilli()).decide();
        return Optional.of(planMismatch(d, plan.get()));
    }

    /**
     * The instances of each revision at every step of a rollout of {@code n} instances from
     * {@code stable} to {@code desired} under {@code strategy}, in step order: what a cost preview
     * reads to find the step that runs the most (blue/green and canary: both revisions at full count
     * on the switch; rolling: {@code n + surge}).
     */
    public static List<Map<Digest, Integer>> stepInstances(io.mycelium.fabric.model.UpdateStrategy strategy, Digest stable, Digest desired, int n) {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(desired, "desired");
        if (!strategy.managed()) {
            throw new IllegalArgumentException("strategy " + strategy.kind().flag() + " is not a managed rollout");
        }
        return Step.of(strategy, stable, desired, n, false).stream().map(s -> Map.copyOf(s.instances())).toList();
    }

    /** The app's winning rollout command, if any. */
    public static Optional<RolloutCommand> command(ClusterView view, String app) {
        return view.record(RecordKey.operator(RecordKind.ROLLOUT, app)).flatMap(r -> view.value(r, RolloutCommand.class));
    }

    /** The revision of the app's rollout command record (0 if none): sign the next command at one more. */
    public static long commandRevision(ClusterView view, String app) {
        return view.record(RecordKey.operator(RecordKind.ROLLOUT, app)).map(FabricRecord::version).map(v -> v.major()).orElse(0L);
    }

    /** Surge, or no managed rollout: the plan's revision at full count; traffic to it once one endpoint is Ready, before that to every Ready endpoint. */
    private static RolloutDecision unmanaged(ClusterView view, Plan plan, Optional<RolloutCommand> cmd, String reason) {
        Map<Digest, Integer> readyEndpoints = readyEndpoints(view, plan.app());
        TrafficSplit split = readyEndpoints.containsKey(plan.digest()) ? TrafficSplit.all(plan.digest())
                : new TrafficSplit(new TreeMap<>(readyEndpoints), null);
        List<RevisionEntry> history = cmd.map(RolloutCommand::history).orElse(List.of());
        RolloutState state = new RolloutState(plan.app(), 0, null, plan.digest(), plan.strategy(), 0, 1, "steady", 0,
                Phase.COMPLETED, reason, true, history);
        return new RolloutDecision(state, Map.of(plan.digest(), plan.instances()), readyCounts(view, plan.app()), split,
                Optional.empty(), Verdict.OFF, 0, List.of());
    }

    /** A plan that names another revision than the rollout's target: the rollout goes on (or its outcome holds) until one is started to it. */
    private static RolloutDecision planMismatch(RolloutDecision d, Plan plan) {
        RolloutState s = d.state();
        if (plan.digest().equals(s.desired())) {
            return d;
        }
        String start = "the plan names " + plan.digest().shortForm() + " but no rollout to it was started: mesh rollout start "
                + plan.app() + " --digest " + plan.digest();
        RolloutState changed = s.phase().settled()
                ? s.with(Phase.WAITING_FOR_START, start + " (" + s.reason() + ")")
                : s.with(s.phase(), s.reason() + "; " + start + " once this one ends");
        return new RolloutDecision(changed, d.instances(), d.ready(), d.split(), d.barrier(), d.analysis(), d.scaleDownAtMs(), d.marks());
    }

    static SortedMap<Digest, Integer> readyCounts(ClusterView view, String app) {
        SortedMap<Digest, Integer> out = new TreeMap<>();
        for (List<InstanceRecord> onNode : view.instances(app).values()) {
            for (InstanceRecord i : onNode) {
                if (i.state() == InstanceState.READY) {
                    out.merge(i.digest(), 1, Integer::sum);
                }
            }
        }
        return out;
    }

    static SortedMap<Digest, Integer> readyEndpoints(ClusterView view, String app) {
        SortedMap<Digest, Integer> out = new TreeMap<>();
        for (EndpointRecord e : view.endpoints(app)) {
            if (e.state() == EndpointState.READY) {
                out.merge(e.digest(), 1, Integer::sum);
            }
        }
        return out;
    }

    /** One evaluation of a managed rollout. Local to one call. */
    private static final class Walk {
        private final ClusterView view;
        private final Plan plan;
        private final RolloutCommand cmd;
        private final long now;
        private final String app;
        private final Digest stable;
        private final Digest desired;
        private final List<Step> steps;
        private final Timeline timeline;
        private final SortedMap<Digest, Integer> ready;
        private final Verdict verdict;
        private final long startedAt;

        Walk(ClusterView view, Plan plan, RolloutCommand cmd, long now) {
            this.view = view;
            this.plan = plan;
            this.cmd = cmd;
            this.now = now;
            this.app = plan.app();
            this.stable = cmd.stable();
            this.desired = cmd.target();
            this.steps = Step.of(plan.strategy(), stable, desired, plan.instances(), cmd.undo());
            this.timeline = Timeline.of(view, app, cmd.rollout(), desired);
            this.ready = readyCounts(view, app);
            this.startedAt = Hlc.physicalMillis(cmd.rollout());
            this.verdict = Verdict.of(view, app, desired, plan.strategy().analysisOrDefault(), startedAt, now);
        }

        RolloutDecision decide() {
            long completesAt = timeline.mark(Event.SWITCHED, -1).map(m -> m.atMs() + delay()).orElse(Long.MAX_VALUE);
            Optional<Mark> gateAbort = timeline.mark(Event.ABORTED, -1).filter(m -> m.atMs() < completesAt);
            if (gateAbort.isPresent()) {
                return aborted(gateAbort.get().reason());
            }
            if (cmd.aborted() && cmd.abortedAtMs() < completesAt) {
                return aborted("aborted by an operator" + (cmd.note().isEmpty() ? "" : " (" + cmd.note() + ")"));
            }
            int i = Math.min(timeline.latestStartedStep(), steps.size() - 1);
            // The old revision stops only with the new one at full count: a switch latched from a view that still
            // counted the instances of an agent that had just died waits here until they are placed again.
            if (timeline.mark(Event.COMPLETED, -1).isPresent() || now >= completesAt && fullyReady()) {
                return completed(i, completesAt);
            }
            while (true) {
                Step s = steps.get(i);
                long stepStart = i == 0 ? startedAt : timeline.observe(Event.STEP_STARTED, i, now, "");
                long anchor = Math.max(stepStart, cmd.resumedAtMs());
                int readyNow = ready.getOrDefault(desired, 0);
                if (readyNow < s.readyNeeded()) {
                    return starting(i, s, stepStart, anchor, readyNow);
                }

                long readyAt = Math.max(anchor, timeline.observe(Event.STEP_READY, i, now, ""));
                if (s.analysed() && verdict.outcome() == Verdict.Outcome.FAIL) {
                    return abortNow(i, "analysis of " + desired.shortForm() + " at " + s.name() + ": " + verdict.text());
                }
                if (s.gate() == Step.Gate.SWITCH) {
                    return switching(i, s, stepStart);
                }
                Hold hold = gate(i, s, readyAt);
                if (hold != null && hold.phase == Phase.ABORTED) {
                    return abortNow(i, hold.reason);
                }
                if (hold != null) {
                    return decision(i, stepStart, s.instances(), splitOf(s), hold.phase, s.name() + ": " + hold.reason, false,
                            Optional.empty(), 0);
                }
                if (i == steps.size() - 1) {
                    return finish(i);
                }
                i++;
            }
        }

        /** The step's instances are not all Ready: wait (the previous split holds), or abort at the progress deadline. */
        private RolloutDecision starting(int i, Step s, long stepStart, long anchor, int readyNow) {
            long deadline = plan.strategy().progressDeadline();
            String counts = readyNow + " of " + s.readyNeeded() + " instances of " + desired.shortForm() + " Ready";
            Optional<Mark> wasReady = timeline.mark(Event.STEP_READY, i);
            // The previous step's split holds; rolling splits by the endpoints of what this step keeps (it may have stopped some old ones).
            TrafficSplit before = s.split() == null ? splitOf(s) : i == 0 ? initialSplit() : splitOf(steps.get(i - 1));
            if (wasReady.isPresent()) {
                // The deadline is for becoming Ready; a step that was Ready and lost an instance waits for it (analysis watches its errors).
                return decision(i, stepStart, s.instances(), before, cmd.paused() ? Phase.PAUSED : Phase.PROGRESSING, s.name() + ": " + counts
                        + " (all were Ready at " + Instant.ofEpochMilli(wasReady.get().atMs()) + "); waiting for them again", false, Optional.empty(), 0);
            }
            if (!cmd.paused() && now - anchor > deadline) {
                return abortNow(i, s.name() + ": " + counts + " within progress_deadline " + Durations.text(deadline));
            }
            Phase phase = cmd.paused() ? Phase.PAUSED : Phase.PROGRESSING;
            String reason = s.name() + ": starting, " + counts + (cmd.paused() ? "; paused (progress deadline stopped)"
                    : "; aborts in " + Durations.text(anchor + deadline - now) + " unless Ready");
            return decision(i, stepStart, s.instances(), before, phase, reason, false, Optional.empty(), 0);
        }

        /** What ends a Ready step; null when it has ended. ABORTED as the phase means: abort with the reason. */
        private Hold gate(int i, Step s, long readyAt) {
            if (cmd.promotedSteps() > i) {
                return null;
            }
            if (cmd.paused()) {
                return new Hold(Phase.PAUSED, "paused; resume with mesh rollout resume " + app);
            }
            String promote = "mesh rollout promote " + app;
            if (s.gate() == Step.Gate.HOLD || s.gate() == Step.Gate.PROMOTE && s.holdMs() != null) {
                long until = readyAt + s.holdMs();
                if (now < until) {
                    return s.gate() == Step.Gate.HOLD
                            ? new Hold(Phase.PROGRESSING, "held for " + Durations.text(s.holdMs()) + ", " + Durations.text(until - now) + " left")
                            : new Hold(Phase.WAITING_FOR_PROMOTE, waitingText() + "; promotes itself in " + Durations.text(until - now)
                                    + ", or now with " + promote);
                }
                return analysisGate(s);
            }
            if (s.gate() == Step.Gate.PROMOTE) {
                return new Hold(Phase.WAITING_FOR_PROMOTE, waitingText() + "; promote with " + promote);
            }
            return null;
        }

        private String waitingText() {
            return desired.shortForm() + " is Ready; preview it with the header X-Mycelium-Preview: 1 or at /" + app + "@preview/";
        }

        private Hold analysisGate(Step s) {
            if (!s.analysed() || verdict.passes()) {
                return null;
            }
            return switch (plan.strategy().noDataAction()) {
                case HOLD -> new Hold(Phase.NO_DATA_HOLD, verdict.text() + "; holding (on_no_data: hold): send it traffic, promote with "
                        + "mesh rollout promote " + app + ", or abort");
                case PROMOTE -> null;
                case ABORT -> new Hold(Phase.ABORTED, verdict.text() + " (on_no_data: abort)");
            };
        }

        /** The last step is Ready: traffic to the desired revision; the barrier, then the scale-down delay. */
        private RolloutDecision switching(int i, Step s, long stepStart) {
            if (stable == null) {
                return finish(i);
            }
            TrafficSplit split = TrafficSplit.all(desired);
            Optional<Mark> switched = timeline.mark(Event.SWITCHED, -1);
            if (switched.isEmpty()) {
                Barrier b = Barrier.check(view, app, cmd.rollout(), split, stable);
                if (!b.passed()) {
                    return decision(i, stepStart, s.instances(), split, Phase.WAITING_FOR_SWITCH_BARRIER, "switched to " + desired.shortForm()
                            + "; " + stable.shortForm() + " stops once every router has left it: " + b.text(), true, Optional.of(b), 0);
                }
            }
            long downAt = timeline.observe(Event.SWITCHED, -1, now, "") + delay();
            if (now >= downAt && fullyReady()) {
                return completed(i, downAt);
            }
            String stays = now < downAt ? " stays " + Durations.text(downAt - now) + " more so that undo is instant"
                    : " stays until " + desired.shortForm() + " is Ready at full count (" + ready.getOrDefault(desired, 0) + " of " + plan.instances() + ")";
            return decision(i, stepStart, s.instances(), split, Phase.SCALING_DOWN, "every router routes " + desired.shortForm() + "; "
                    + stable.shortForm() + stays, true, Optional.empty(), downAt);
        }

        /** The last gate passed: latched as SWITCHED, so that later views with less data cannot take it back. */
        private RolloutDecision finish(int i) {
            return completed(i, timeline.observe(Event.SWITCHED, -1, now, "") + delay());
        }

        /** The desired revision has as many Ready instances as the plan asks for. */
        private boolean fullyReady() {
            return ready.getOrDefault(desired, 0) >= plan.instances();
        }

        private RolloutDecision completed(int i, long atMs) {
            timeline.observe(Event.COMPLETED, -1, now, "");
            return decision(i, stepStartOf(i), Map.of(desired, plan.instances()), TrafficSplit.all(desired), Phase.COMPLETED,
                    desired.shortForm() + " is stable (completed at " + Instant.ofEpochMilli(atMs) + ")", true, Optional.empty(), 0);
        }

        private RolloutDecision abortNow(int i, String reason) {
            timeline.observe(Event.ABORTED, -1, now, reason);
            return aborted(reason);
        }

        /** Traffic back to stable; the desired revision stops once every router has left it (the barrier in reverse). */
        private RolloutDecision aborted(String reason) {
            int i = Math.min(timeline.latestStartedStep(), steps.size() - 1);
            TrafficSplit split = TrafficSplit.all(stable);
            Map<Digest, Integer> back = new TreeMap<>();
            if (stable != null) {
                back.put(stable, plan.instances());
            }
            if (stable == null || timeline.mark(Event.REVERTED, -1).isPresent()) {
                return decision(i, stepStartOf(i), back, split, Phase.ABORTED, reason + "; " + desired.shortForm() + " stopped",
                        false, Optional.empty(), 0);
            }
            Barrier b = Barrier.check(view, app, cmd.rollout(), split, desired);
            if (b.passed()) {
                timeline.observe(Event.REVERTED, -1, now, "");
                return decision(i, stepStartOf(i), back, split, Phase.ABORTED, reason + "; traffic is back on " + stable.shortForm()
                        + ", " + desired.shortForm() + " stops", false, Optional.empty(), 0);
            }
            back.put(desired, steps.get(i).instances().getOrDefault(desired, 0));
            return decision(i, stepStartOf(i), back, split, Phase.ABORTED, reason + "; traffic is back on " + stable.shortForm() + ", "
                    + desired.shortForm() + " stops once every router has left it: " + b.text(), false, Optional.of(b), 0);
        }

        private long stepStartOf(int i) {
            return i == 0 ? startedAt : timeline.mark(Event.STEP_STARTED, i).map(Mark::atMs).orElse(startedAt);
        }

        private long delay() {
            return stable == null ? 0 : plan.strategy().scaleDownDelay();
        }

        /** Before the first step is Ready: everything to stable (previews to the desired revision where the strategy has them). */
        private TrafficSplit initialSplit() {
            Step first = steps.get(0);
            if (first.split() == null) {
                return splitOf(first);
            }
            return TrafficSplit.all(stable).withPreview(first.split().preview());
        }

        /** A step's split; rolling steps split by Ready endpoints of the revisions the step keeps. */
        private TrafficSplit splitOf(Step s) {
            if (s.split() != null) {
                return s.split();
            }
            TreeMap<Digest, Integer> w = new TreeMap<>();
            readyEndpoints(view, app).forEach((d, n) -> {
                if (s.instances().getOrDefault(d, 0) > 0) {
                    w.put(d, n);
                }
            });
            return new TrafficSplit(w, null);
        }

        private RolloutDecision decision(int i, long stepStart, Map<Digest, Integer> instances, TrafficSplit split, Phase phase,
                                         String reason, boolean switched, Optional<Barrier> barrier, long scaleDownAt) {
            RolloutState state = new RolloutState(app, cmd.rollout(), stable, desired, plan.strategy(), i, steps.size(),
                    steps.get(i).name(), stepStart, phase, reason, switched, history(phase));
            return new RolloutDecision(state, instances, ready, split, barrier, verdict, scaleDownAt, timeline.fresh());
        }

        /** The command's history with the live outcome of this rollout on its head entry. */
        private List<RevisionEntry> history(Phase phase) {
            List<RevisionEntry> out = new ArrayList<>(cmd.history());
            if (!out.isEmpty() && out.get(0).digest().equals(desired) && out.get(0).outcome() == RevisionEntry.Outcome.IN_PROGRESS) {
                if (phase == Phase.COMPLETED) {
                    out.set(0, out.get(0).withOutcome(RevisionEntry.Outcome.COMPLETED));
                } else if (phase == Phase.ABORTED) {
                    out.set(0, out.get(0).withOutcome(RevisionEntry.Outcome.ABORTED));
                }
            }
            return out;
        }
    }

    private record Hold(Phase phase, String reason) {
    }
}
