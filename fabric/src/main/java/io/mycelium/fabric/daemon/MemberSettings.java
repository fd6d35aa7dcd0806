package io.mycelium.fabric.daemon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mycelium.fabric.model.Names;
import io.mycelium.fabric.model.Role;
import io.mycelium.spore.json.JsonMappers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The settings of one bare fabric member ({@code mesh fabric member}), also readable from a JSON
 * file (snake_case names, e.g. {@code "fabric_port"}) so that tests can start members as plain
 * processes. Null means the default.
 *
 * @param cluster       cluster name (default mycelium)
 * @param nodeId        this member's id (required)
 * @param role          agent, edge or console (default agent)
 * @param bind          address to bind and advertise (default 127.0.0.1)
 * @param fabricPort    fabric TCP port (default 7946)
 * @param apiPort       status HTTP port (default 7070)
 * @param clusterKey    the cluster keyring file (required)
 * @param operatorTrust directory of operator public keys whose plans are accepted; null accepts none
 * @param join          static seeds host:port
 * @param mdnsInterface interface name or address for mDNS; null for none
 * @param dataDir       where state and known peers are kept; null keeps nothing
 * @param labels        node labels for placement
 */
public record MemberSettings(String cluster, String nodeId, String role, String bind, Integer fabricPort, Integer apiPort,
                             Path clusterKey, Path operatorTrust, List<String> join, String mdnsInterface, Path dataDir,
                             Map<String, String> labels) {
    private static final ObjectMapper JSON = JsonMappers.configFile();

    public MemberSettings {
        cluster = cluster == null ? "mycelium" : cluster;
        role = role == null ? "agent" : role;
        bind = bind == null ? "127.0.0.1" : bind;
        fabricPort = fabricPort == null ? 7946 : fabricPort;
        apiPort = apiPort == null ? 7070 : apiPort;
        join = join == null ? List.of() : List.copyOf(join);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        Names.require("cluster", cluster);
        if (nodeId == null) {
            throw new IllegalArgumentException("node_id is missing: name this member with --node-id");
        }
        Names.require("node_id", nodeId);
        Role.parse(role);
        if (clusterKey == null) {
            throw new IllegalArgumentException("cluster_key is missing: pass --cluster-key FILE (made by mesh fabric keygen)");
        }
    }

    /** Reads a JSON settings file; a bad file is an {@link IllegalArgumentException} naming the file and the field. */
    public static MemberSettings read(Path file) {
        try {
            return JSON.readValue(Files.readString(file), MemberSettings.class);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("member settings " + file + " do not exist");
        } catch (IOException e) {
            String msg = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            if (e.getCause() instanceof IllegalArgumentException c) {
                msg = c.getMessage();
            }
            throw new IllegalArgumentException("member settings " + file + ": " + msg);
        }
    }

    /** Writes these settings as JSON. */
    public void write(Path file) throws IOException {
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this));
    }

    /** The URL the status server answers on. */
    public String statusUrl() {
        return "http://" + (bind.contains(":") ? "[" + bind + "]" : bind) + ":" + apiPort;
    }
}
