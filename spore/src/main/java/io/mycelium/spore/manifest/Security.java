package io.mycelium.spore.manifest;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the workload may do; the agent enforces what the host allows.
 *
 * @param runAsUser        user to run as (null: the agent's user)
 * @param noNewPrivileges  forbid gaining privileges (setuid binaries and the like)
 * @param readOnlyPayload  the extracted payload is made read-only before launch
 * @param network          {@code host} (default) or {@code none}
 * @param capabilities     Linux capabilities the workload needs (normally none)
 * @param extra            fields this version does not know, kept and signed
 */
public record Security(String runAsUser, boolean noNewPrivileges, boolean readOnlyPayload, String network,
        List<String> capabilities, @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {
    public Security {
        network = network == null ? "host" : network;
        if (!network.equals("host") && !network.equals("none")) {
            throw new IllegalArgumentException("security.network must be host or none, got '" + Manifests.abbreviate(network) + "'");
        }
        capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
        extra = Extras.copy(extra);
    }

    /** The defaults: the agent's user, no new privileges, read-only payload, host network. */
    public static Security defaults() {
        return new Security(null, true, true, "host", List.of(), Map.of());
    }
}
