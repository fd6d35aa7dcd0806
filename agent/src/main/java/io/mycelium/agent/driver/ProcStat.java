package io.mycelium.agent.driver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The fields of {@code /proc/<pid>/stat} the agent relies on.
 *
 * @param pid        process id
 * @param state      one-letter state ({@code R}, {@code S}, {@code Z} for a zombie, ...)
 * @param ppid       parent pid
 * @param pgid       process group id
 * @param sid        session id
 * @param startTicks start time in clock ticks since boot; with the pid it names one process for ever
 */
public record ProcStat(long pid, char state, long ppid, long pgid, long sid, long startTicks) {
    private static final Path PROC = Path.of("/proc");

    /** The stat of a live (or zombie) process, or empty if there is no such pid. */
    public static Optional<ProcStat> read(long pid) {
        return read(PROC, pid);
    }

    static Optional<ProcStat> read(Path proc, long pid) {
        String text;
        try {
            text = Files.readString(proc.resolve(Long.toString(pid)).resolve("stat"));
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(parse(pid, text));
    }

    /** Parses one stat line; the command name may hold spaces and parentheses, so fields start after the last ')'. */
    static ProcStat parse(long pid, String text) {
        int close = text.lastIndexOf(')');
        if (close < 0 || close + 2 > text.length()) {
            throw new IllegalArgumentException("/proc/" + pid + "/stat: no ')' after the command name");
        }
        String[] f = text.substring(close + 2).trim().split(" ");
        if (f.length < 20) {
            throw new IllegalArgumentException("/proc/" + pid + "/stat: " + f.length + " fields after the name, need 20");
        }
        // f[0] is field 3 (state) of proc(5); starttime is field 22.
        return new ProcStat(pid, f[0].charAt(0), Long.parseLong(f[1]), Long.parseLong(f[2]),
                Long.parseLong(f[3]), Long.parseLong(f[19]));
    }

    /** True unless the process has exited and waits to be reaped. */
    public boolean running() {
        return state != 'Z' && state != 'X';
    }
}
