package io.mycelium.fabric.model;

import java.util.Map;
import java.util.Objects;

/** Who a node is: id, role, labels (for placement constraints), the URL of its HTTP API and its version. */
public record NodeInfo(String id, Role role, Map<String, String> labels, String apiUrl, String version) {
    public NodeInfo {
        Checks.name("node id", id);
        Objects.requireNonNull(role, "role");
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        apiUrl = apiUrl == null ? "" : apiUrl;
        version = version == null ? "" : version;
    }
}
