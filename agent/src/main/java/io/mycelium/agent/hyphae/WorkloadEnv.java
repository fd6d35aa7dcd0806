package io.mycelium.agent.hyphae;

import com.fasterxml.jackson.databind.JsonNode;
import io.mycelium.edge.route.RouteParser;
import io.mycelium.spore.manifest.Manifest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a workload's environment says about the hyphae router: {@code MYCELIUM_HYPHAE} (the
 * router's URL) and, for each entry of the manifest's {@code needs}
 * ({@code [{"app": "billing", "port_env": "BILLING_URL"}]}), that variable set to the base URL of
 * the app through the router ({@code http://127.0.0.1:7080/billing}).
 */
public final class WorkloadEnv {
    /** The variable every instance gets. */
    public static final String HYPHAE = "MYCELIUM_HYPHAE";
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private WorkloadEnv() {
    }

    /**
     * The variables for an instance of {@code manifest} on a node whose router is at {@code hyphaeUrl}.
     *
     * @throws IllegalArgumentException when {@code needs} is malformed, naming the entry and what to write
     */
    public static Map<String, String> of(Manifest manifest, String hyphaeUrl) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(HYPHAE, hyphaeUrl);
        JsonNode needs = manifest.extra().get("needs");
        if (needs == null || needs.isNull()) {
            return env;
        }
        String spore = manifest.identity().name();
        if (!needs.isArray()) {
            throw new IllegalArgumentException("spore " + spore + ": needs must be a list like [{\"app\": \"billing\", \"port_env\": \"BILLING_URL\"}]");
        }
        for (int i = 0; i < needs.size(); i++) {
            JsonNode n = needs.get(i);
            String app = n.path("app").asText("");
            String var = n.path("port_env").asText("");
            if (!RouteParser.isAppName(app)) {
                throw new IllegalArgumentException("spore " + spore + ": needs[" + i + "].app '" + app
                        + "' is not an app name (lowercase letters, digits, '-')");
            }
            if (!ENV_NAME.matcher(var).matches() || var.startsWith("MYCELIUM_")) {
                throw new IllegalArgumentException("spore " + spore + ": needs[" + i + "].port_env '" + var
                        + "' must be an environment variable name (letters, digits, '_'; not MYCELIUM_*)");
            }
            env.put(var, hyphaeUrl + "/" + app);
        }
        return env;
    }
}
