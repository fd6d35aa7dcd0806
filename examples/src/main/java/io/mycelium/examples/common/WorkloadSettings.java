package io.mycelium.examples.common;

import java.util.Map;
import java.util.Objects;

/**
 * How a workload runs, read from its environment.
 *
 * @param app      the workload's name ("billing")
 * @param version  {@code APP_VERSION}, else the built-in version
 * @param host     {@code HOST}: the address to listen on, 127.0.0.1 unless set
 * @param port     {@code PORT}: 0 means any free port
 * @param greeting {@code GREETING}, else a default naming the app
 * @param instance {@code MYCELIUM_INSTANCE} (set by the agent), else {@code pid-<pid>}
 */
public record WorkloadSettings(String app, String version, String host, int port, String greeting, String instance) {
    public WorkloadSettings {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(greeting, "greeting");
        Objects.requireNonNull(instance, "instance");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("PORT " + port + " is not a port number (0-65535)");
        }
    }

    /** Reads the settings; a bad value fails with a message naming the variable. */
    public static WorkloadSettings fromEnv(String app, String builtInVersion, Map<String, String> env) {
        String port = env.getOrDefault("PORT", "0").trim();
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("PORT '" + port + "' is not a port number (0-65535)");
        }
        return new WorkloadSettings(app,
                nonBlank(env.get("APP_VERSION"), builtInVersion),
                nonBlank(env.get("HOST"), "127.0.0.1"),
                p,
                nonBlank(env.get("GREETING"), "Hello from " + app),
                nonBlank(env.get("MYCELIUM_INSTANCE"), "pid-" + ProcessHandle.current().pid()));
    }

    private static String nonBlank(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
