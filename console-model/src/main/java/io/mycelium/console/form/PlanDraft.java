package io.mycelium.console.form;

import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.model.UpdateStrategy;
import io.mycelium.spore.digest.Digest;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A plan as typed in a form: app, spore digest, instance count and update strategy, each the text
 * of its field. Immutable; {@link #with} returns the draft with one field changed. Every field is
 * checked by the rule the signed plan applies ({@link Plan}, {@link Digest}, the strategy kinds),
 * so the form refuses what {@code mesh plan apply} would refuse.
 */
public record PlanDraft(String app, String digest, String instances, String strategy) {
    private static final Digest PROBE = Digest.of(new byte[0]);

    /** The fields, in the order a form shows them. */
    public enum Field {
        APP("app", "the app's name, e.g. billing"),
        DIGEST("spore digest", "sha256:<64 hex> of a published spore (:publish FILE)"),
        INSTANCES("instances", "how many, 0-10000"),
        STRATEGY("strategy", "surge, blue-green, canary or rolling");

        private final String label;
        private final String hint;

        Field(String label, String hint) {
            this.label = label;
            this.hint = hint;
        }

        public String label() {
            return label;
        }

        /** What the field takes, for a form to show under an empty or wrong field. */
        public String hint() {
            return hint;
        }
    }

    public PlanDraft {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(instances, "instances");
        Objects.requireNonNull(strategy, "strategy");
    }

    /** An empty form (one instance, strategy surge). */
    public static PlanDraft empty() {
        return new PlanDraft("", "", "1", UpdateStrategy.Kind.SURGE.flag());
    }

    /** The form filled from an app's current plan, to change one thing of it. */
    public static PlanDraft of(Plan current) {
        return new PlanDraft(current.app(), current.digest().toString(), Integer.toString(current.instances()),
                current.strategy().kind().flag());
    }

    public String value(Field f) {
        return switch (f) {
            case APP -> app;
            case DIGEST -> digest;
            case INSTANCES -> instances;
            case STRATEGY -> strategy;
        };
    }

    /** This draft with {@code f} set to {@code text}. */
    public PlanDraft with(Field f, String text) {
        return switch (f) {
            case APP -> new PlanDraft(text, digest, instances, strategy);
            case DIGEST -> new PlanDraft(app, text, instances, strategy);
            case INSTANCES -> new PlanDraft(app, digest, text, strategy);
            case STRATEGY -> new PlanDraft(app, digest, instances, text);
        };
    }

    /** What is wrong with field {@code f} as typed, empty when it is valid. */
    public Optional<String> problem(Field f) {
        String t = value(f).strip();
        if (t.isEmpty()) {
            return Optional.of("needed: " + f.hint());
        }
        try {
            switch (f) {
                case APP -> Plan.of(t, PROBE, 1);
                case DIGEST -> Digest.parse(t);
                case INSTANCES -> Plan.of("probe", PROBE, count(t));
                case STRATEGY -> new UpdateStrategy(kind(t), 1, 0);
            }
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** The first field with a problem and the problem, empty when the whole draft is valid. */
    public Optional<String> firstProblem() {
        for (Field f : Field.values()) {
            Optional<String> p = problem(f);
            if (p.isPresent()) {
                return Optional.of(f.label() + ": " + p.get());
            }
        }
        return Optional.empty();
    }

    /**
     * The plan this draft describes, over {@code current} (the app's plan now: env, config,
     * placement, nutrients and the strategy's settings are kept; a new strategy kind starts from
     * its defaults). Nutrients are filled by whoever submits it, from the spore's manifest.
     *
     * @throws IllegalArgumentException naming the first invalid field
     */
    public Plan plan(Optional<Plan> current) {
        firstProblem().ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        String name = app.strip();
        Digest d = Digest.parse(digest.strip());
        int n = count(instances.strip());
        UpdateStrategy.Kind k = kind(strategy.strip());
        Plan base = current.filter(c -> c.app().equals(name)).orElse(Plan.of(name, d, n));
        UpdateStrategy s = base.strategy().kind() == k ? base.strategy() : new UpdateStrategy(k, 1, 0);
        return base.withDigest(d).withInstances(n).withStrategy(s);
    }

    private static int count(String t) {
        try {
            return Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + t + "' is not a whole number");
        }
    }

    private static UpdateStrategy.Kind kind(String t) {
        return Arrays.stream(UpdateStrategy.Kind.values()).filter(k -> k.flag().equals(t.toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'" + t + "' is not one of "
                        + Arrays.stream(UpdateStrategy.Kind.values()).map(UpdateStrategy.Kind::flag).collect(Collectors.joining(", "))));
    }
}
