package io.mycelium.fabric;

/** The answer to submitting an operator record: accepted, or refused with the reason. */
public record SubmitResult(boolean accepted, String reason) {
    public static SubmitResult ok() {
        return new SubmitResult(true, "");
    }

    public static SubmitResult refused(String reason) {
        return new SubmitResult(false, reason);
    }
}
