package io.mycelium.agent.api;

import io.mycelium.fabric.SubmitResult;
import io.mycelium.fabric.model.Json;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.fabric.state.OperatorRecords;
import java.util.Objects;
import java.util.function.Function;

/**
 * The checks of a {@code POST} of a signed operator record (a plan, a rollout command): the body
 * is the JSON of a {@link FabricRecord} as {@link OperatorRecords#sign} makes it. The signature is
 * the authorization: an unsigned record is 401, a forged one 403, a lower revision than the held
 * one (a rollback, or an older command replayed) 409, a record that is not well-formed 422.
 * Every refusal is also counted, by record kind and reason, in {@value #REFUSED} (on {@code /metrics}).
 */
final class SignedRecords {
    /**
     * What one route takes.
     *
     * @param kind   the record kind
     * @param noun   what it is, in messages ("plan", "rollout command")
     * @param type   the payload's class
     * @param appOf  the app a payload names (it must be the record's name)
     * @param how    how to make one, for the hints
     */
    record Accepts<T>(RecordKind kind, String noun, Class<T> type, Function<T, String> appOf, String how) {
        Accepts {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(noun, "noun");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(appOf, "appOf");
            Objects.requireNonNull(how, "how");
        }
    }

    static final int MAX_BODY = FabricRecord.MAX_PAYLOAD * 2 + 4096;

    /** The counter of refused signed records, labelled {@code kind} (plan, rollout...) and {@code reason}. */
    static final String REFUSED = "mesh_signed_records_refused_total";

    /** Why a signed record was refused: the {@code reason} label of {@link #REFUSED}. */
    enum Refusal {
        /** not a well-formed record of the route's kind (400, 422) */
        MALFORMED,
        /** no signature (401) */
        UNSIGNED,
        /** a signature by a key this agent does not trust, or that does not match (403) */
        FORGED,
        /** a revision below the held one: a rollback or an older command replayed (409) */
        REPLAYED,
        /** another record for the same name won meanwhile (409) */
        CONFLICT,
        /** a rollout to a revision no live agent holds (422) */
        UNKNOWN_DIGEST,
        /** a promote, pause, resume or abort with no running rollout it belongs to (409) */
        NO_ROLLOUT;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private SignedRecords() {
    }

    /** Counts one refusal of a {@code kind} record and returns {@code e}, for the caller to throw. */
    static ApiException refused(AgentServices services, Accepts<?> accepts, Refusal why, ApiException e) {
        services.metrics().counter(REFUSED, "Signed records (plans, rollout commands...) this agent refused, by kind and reason.",
                "kind", accepts.kind().wireName(), "reason", why.label()).inc();
        return e;
    }

    /** {@link #parse(String, Accepts)}, counting a malformed body as a refusal. */
    static <T> FabricRecord parse(AgentServices services, String body, Accepts<T> accepts) {
        try {
            return parse(body, accepts);
        } catch (ApiException e) {
            throw refused(services, accepts, Refusal.MALFORMED, e);
        }
    }

    /** The record in {@code body}, well-formed for {@code accepts}, or an ApiException (400, 422). */
    static <T> FabricRecord parse(String body, Accepts<T> accepts) {
        FabricRecord record;
        String hint = "POST the JSON of a signed " + accepts.noun() + " record (" + accepts.how() + " makes one)";
        try {
            record = Json.read(body, FabricRecord.class);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "body is not a signed record: " + firstLine(e.getMessage()), hint);
        }
        if (record == null || record.key() == null || record.version() == null) {
            throw new ApiException(400, "body is not a signed record: key and version are required", hint);
        }
        if (record.key().kind() != accepts.kind()) {
            throw new ApiException(422, "record " + record.key() + " is a " + record.key().kind().wireName() + ", not a " + accepts.noun(),
                    "POST " + accepts.noun() + "s only here");
        }
        if (!record.tombstone()) {
            T payload;
            try {
                payload = Json.read(record.payload(), accepts.type());
            } catch (IllegalArgumentException e) {
                throw new ApiException(422, "record " + record.key() + " does not hold a valid " + accepts.noun() + ": " + firstLine(e.getMessage()),
                        "check the " + accepts.noun() + "'s fields");
            }
            String app = payload == null ? null : accepts.appOf().apply(payload);
            if (app == null || !app.equals(record.key().name())) {
                throw new ApiException(422, "record " + record.key() + " holds a " + accepts.noun() + " for '" + app + "'",
                        "the record's name and the " + accepts.noun() + "'s app must be the same");
            }
        }
        return record;
    }

    /** Checks the signature and the revision against {@code held}, then submits; an ApiException (401, 403, 409) if refused. */
    static void submit(AgentServices services, FabricRecord record, Accepts<?> accepts, long held) {
        String app = record.key().name();
        String problem = OperatorRecords.problem(record, services.operators());
        if (problem != null) {
            boolean unsigned = problem.equals("unsigned");
            throw refused(services, accepts, unsigned ? Refusal.UNSIGNED : Refusal.FORGED, new ApiException(unsigned ? 401 : 403,
                    accepts.noun() + " for " + app + " refused: " + problem,
                    "sign it with an operator key this agent trusts: " + accepts.how() + " ... --key operator.key"));
        }
        long revision = record.version().major();
        if (revision < held) {
            throw refused(services, accepts, Refusal.REPLAYED, new ApiException(409, accepts.noun() + " for " + app + " refused: revision "
                    + revision + " is lower than the held revision " + held + " (no rollback or replay)",
                    accepts.how() + " reads the current revision and signs the next one"));
        }
        SubmitResult result = services.submitPlan(record);
        if (!result.accepted()) {
            throw refused(services, accepts, Refusal.CONFLICT, new ApiException(409, accepts.noun() + " for " + app + " refused: " + result.reason(),
                    "another " + accepts.noun() + " for " + app + " won meanwhile; look again and retry"));
        }
    }

    static String firstLine(String s) {
        if (s == null) {
            return "malformed";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
