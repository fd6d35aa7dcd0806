package io.mycelium.agent.driver;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * {@code ${NAME}} in a workload's arguments, replaced by the instance's environment variable NAME
 * (as Nomad interpolates task args): {@code --port=${PORT}}, {@code ${MYCELIUM_SPORE_DIR}/conf}.
 * {@code $$} is a literal {@code $}; a {@code $} followed by anything else is left as it is (no
 * shell: {@code $PORT} without braces stays {@code $PORT}). A name the environment does not have
 * is refused, naming it and the names there are, rather than run with an empty string.
 */
public final class ArgExpansion {
    private ArgExpansion() {
    }

    /** Each argument with its {@code ${NAME}} replaced from {@code env}. */
    public static List<String> expand(List<String> args, Map<String, String> env) {
        Objects.requireNonNull(env, "env");
        List<String> out = new ArrayList<>(args.size());
        for (String arg : args) {
            out.add(expand(arg, env));
        }
        return List.copyOf(out);
    }

    static String expand(String arg, Map<String, String> env) {
        StringBuilder out = new StringBuilder(arg.length());
        int i = 0;
        while (i < arg.length()) {
            char c = arg.charAt(i);
            if (c == '$' && i + 1 < arg.length() && arg.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
            } else if (c == '$' && i + 1 < arg.length() && arg.charAt(i + 1) == '{') {
                int end = arg.indexOf('}', i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException("argument '" + arg + "': '${' at " + i + " has no closing '}' (write $${ for a literal ${)");
                }
                String name = arg.substring(i + 2, end);
                String value = env.get(name);
                if (value == null) {
                    throw new IllegalArgumentException("argument '" + arg + "' names ${" + name + "}, which the instance's environment does not have; "
                            + "it has " + String.join(", ", new TreeSet<>(env.keySet())) + " (set it in the manifest's or the plan's env, or write $${ for a literal ${)");
                }
                out.append(value);
                i = end + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
