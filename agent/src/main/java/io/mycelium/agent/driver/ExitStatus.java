package io.mycelium.agent.driver;

/**
 * How a workload process ended.
 *
 * @param code  exit code as Java reports it (128 + n when killed by signal n), or -1 if unknown
 * @param known false for an adopted process: it is not our child, so its exit code is lost
 */
public record ExitStatus(int code, boolean known) {
    /** An exit seen by polling, code unknown. */
    public static ExitStatus unknown() {
        return new ExitStatus(-1, false);
    }

    /** One phrase for a state message: "exited with code 3", "killed by signal 9". */
    public String describe() {
        if (!known) {
            return "exited (code unknown, not our child)";
        }
        if (code > 128 && code < 128 + 65) {
            return "exited with code " + code + " (signal " + (code - 128) + ")";
        }
        return "exited with code " + code;
    }
}
