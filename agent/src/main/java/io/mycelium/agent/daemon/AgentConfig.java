package io.mycelium.agent.daemon;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mycelium.fabric.model.Names;
import io.mycelium.spore.json.JsonMappers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The settings of one agent, from a JSON config file ({@link #read}) and/or flags (the {@code mesh
 * agent} command builds one). Names in the file are snake_case, e.g. {@code "node_id"}.
 *
 * @param cluster        cluster name
 * @param nodeId         this agent's id in the fabric
 * @param bind           address the fabric, the API and the workloads listen on (and advertise)
 * @param fabricPort     fabric TCP port (must be explicit: peers must know it)
 * @param apiPort        HTTP API port; 0 picks a free one
 * @param dataDir        the agent's data dir: fabric state, spore repo, extracted spores, instance run dirs
 * @param clusterKey     the cluster keyring file ({@code mesh fabric keygen})
 * @param operatorTrust  directory of operator public keys whose plans are accepted
 * @param publisherTrust directory of publisher public keys whose spores may run
 * @param join           static seeds {@code host:port}
 * @param mdnsInterface  interface name or address for mDNS, or null (or {@code none}) for none
 * @param labels         node labels for placement constraints
 * @param cpuMilli       allocatable CPU in millicores; 0 = the host's processors x 1000
 * @param memoryMb       allocatable memory in MiB; 0 = the host's MemTotal
 * @param portFirst      first port of the range instances get
 * @param portLast       last port of that range
 * @param drainMs        how long an instance stays DRAINING (endpoint published as such) before TERM
 * @param stopGraceMs    TERM to KILL
 * @param workloadUser   the account workloads run as when the agent is root
 * @param cgroupRoot     the cgroup (under /sys/fs/cgroup) instances get their own cgroups in
 * @param minFreeMb      a fetch that would leave less free disk than this is refused as "disk full"
 * @param java           the java executable for JVM_JAR spores; null = the agent's own
 * @param tickMs         the reconciler's period (it also runs on every fabric change)
 * @param apiTokenFile   a file holding the API token that mutating calls may present instead of an
 *                       operator signature; null: signatures only
 * @param readsNeedToken whether reads need the token too (default: reads are open on a trusted network)
 * @param stopWorkloadsOnExit whether the agent stops its instances when it stops ({@code mesh up}'s agents do);
 *                       by default they outlive it and its next run adopts them
 * @param hyphae         {@code HOST:PORT} of the hyphae router's listener for this node's workloads
 *                       (their {@code MYCELIUM_HYPHAE}); default {@value #DEFAULT_HYPHAE}, port 0 picks a free one
 * @param hyphaeOverlayPort the port (on {@code bind}) where other nodes' routers reach this one; 0 picks a free one
 * @param reserveCpuMilli millicores of the host kept for the agent and the system when {@code cpuMilli} is 0;
 *                       null: 10% of the host's, at least 250
 * @param reserveMemoryMb MiB of the host kept back when {@code memoryMb} is 0; null: 10%, at least 256
 */
public record AgentConfig(String cluster, String nodeId, String bind, int fabricPort, int apiPort, Path dataDir,
                          Path clusterKey, Path operatorTrust, Path publisherTrust, List<String> join, String mdnsInterface,
                          Map<String, String> labels, long cpuMilli, long memoryMb, int portFirst, int portLast, long drainMs,
                          long stopGraceMs, String workloadUser, String cgroupRoot, long minFreeMb, Path java, long tickMs,
                          Path apiTokenFile, boolean readsNeedToken, boolean stopWorkloadsOnExit, String hyphae,
                          int hyphaeOverlayPort, Long reserveCpuMilli, Long reserveMemoryMb) {
    private static final ObjectMapper JSON = JsonMappers.configFile();
    /** Where workloads reach the hyphae router unless the config says otherwise. */
    public static final String DEFAULT_HYPHAE = "127.0.0.1:7080";

    public AgentConfig {
        cluster = cluster == null ? "mycelium" : cluster;
        bind = bind == null ? "127.0.0.1" : bind;
        join = join == null ? List.of() : List.copyOf(join);
        mdnsInterface = mdnsInterface == null || mdnsInterface.isBlank() || mdnsInterface.equalsIgnoreCase("none") ? null : mdnsInterface;
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        portFirst = portFirst == 0 ? 20_000 : portFirst;
        portLast = portLast == 0 ? 29_999 : portLast;
        drainMs = drainMs < 0 ? 0 : drainMs;
        stopGraceMs = stopGraceMs <= 0 ? 5_000 : stopGraceMs;
        workloadUser = workloadUser == null ? "nobody" : workloadUser;
        cgroupRoot = cgroupRoot == null ? "mycelium" : cgroupRoot;
        minFreeMb = minFreeMb <= 0 ? 64 : minFreeMb;
        tickMs = tickMs <= 0 ? 1_000 : tickMs;
        hyphae = hyphae == null || hyphae.isBlank() ? DEFAULT_HYPHAE : hyphae;
        io.mycelium.agent.hyphae.HostPort.parse("hyphae", hyphae);
        if (hyphaeOverlayPort < 0 || hyphaeOverlayPort > 65535) {
            throw new IllegalArgumentException("hyphae_overlay_port " + hyphaeOverlayPort + " must be 0-65535 (0 picks a free one)");
        }
        Names.require("node_id", nodeId);
        if (fabricPort < 1 || fabricPort > 65535) {
            throw new IllegalArgumentException("fabric_port " + fabricPort + " must be 1-65535 (peers must know it)");
        }
        if (apiPort < 0 || apiPort > 65535) {
            throw new IllegalArgumentException("api_port " + apiPort + " must be 0-65535 (0 picks a free one)");
        }
        require("data_dir", dataDir);
        require("cluster_key", clusterKey);
        require("operator_trust", operatorTrust);
        require("publisher_trust", publisherTrust);
        if (portFirst < 1 || portLast > 65535 || portFirst > portLast) {
            throw new IllegalArgumentException("port range " + portFirst + "-" + portLast + " must lie within 1-65535, low to high");
        }
        if (cpuMilli < 0 || memoryMb < 0) {
            throw new IllegalArgumentException("cpu_milli " + cpuMilli + " and memory_mb " + memoryMb + " must be >= 0 (0: from the host)");
        }
        reserve("cpu_milli", "cpu", cpuMilli, reserveCpuMilli);
        reserve("memory_mb", "memory", memoryMb, reserveMemoryMb);
    }

    private static void reserve(String name, String flag, long offered, Long reserve) {
        if (reserve == null) {
            return;
        }
        if (reserve < 0) {
            throw new IllegalArgumentException("reserve_" + name + " " + reserve + " (--reserve-" + flag
                    + ") must be >= 0 (leave it out for the default: 10% of the host)");
        }
        if (offered > 0) {
            throw new IllegalArgumentException(name + " " + offered + " and reserve_" + name + " " + reserve + " both given (--"
                    + name.replace('_', '-') + ", --reserve-" + flag + "): the first is what the agent offers, the reserve what it keeps "
                    + "of the host's; give one");
        }
    }

    private static void require(String name, Object value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is missing: set it in the config file or with --" + name.replace('_', '-'));
        }
    }

    /** Reads a JSON config file; a bad file is an {@link IllegalArgumentException} naming the file and the field. */
    public static AgentConfig read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("agent config " + file + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException("agent config " + file + ": cannot read it: " + e.getMessage());
        }
        return parse(text, "agent config " + file);
    }

    /** Parses a JSON config text; {@code source} names it in messages. */
    public static AgentConfig parse(String json, String source) {
        try {
            return JSON.readValue(json, AgentConfig.class);
        } catch (IOException e) {
            String msg = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            if (e.getCause() instanceof IllegalArgumentException c) {
                msg = c.getMessage();
            }
            throw new IllegalArgumentException(source + ": " + msg);
        }
    }

    /** Writes this config as JSON (for launching agents as processes). */
    public void write(Path file) throws IOException {
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this));
    }

    /** A builder that starts from this config (the constructor's checks and defaults apply at {@link Builder#build}). */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A builder with the required settings; everything else takes the defaults described above. */
    public static Builder builder(String nodeId, int fabricPort, Path dataDir, Path clusterKey, Path operatorTrust, Path publisherTrust) {
        return new AgentConfig(null, nodeId, null, fabricPort, 0, dataDir, clusterKey, operatorTrust, publisherTrust, null, null,
                null, 0, 0, 0, 0, 1_000, 0, null, null, 0, null, 0, null, false, false, "127.0.0.1:0", 0, null, null).toBuilder();
    }

    /** Changes some settings of a config; {@link #build} checks the result as the constructor does. */
    public static final class Builder {
        private String cluster;
        private String nodeId;
        private String bind;
        private int fabricPort;
        private int apiPort;
        private Path dataDir;
        private Path clusterKey;
        private Path operatorTrust;
        private Path publisherTrust;
        private List<String> join;
        private String mdnsInterface;
        private Map<String, String> labels;
        private long cpuMilli;
        private long memoryMb;
        private int portFirst;
        private int portLast;
        private long drainMs;
        private long stopGraceMs;
        private String workloadUser;
        private String cgroupRoot;
        private long minFreeMb;
        private Path java;
        private long tickMs;
        private Path apiTokenFile;
        private boolean readsNeedToken;
        private boolean stopWorkloadsOnExit;
        private String hyphae;
        private int hyphaeOverlayPort;
        private Long reserveCpuMilli;
        private Long reserveMemoryMb;

        private Builder(AgentConfig c) {
            cluster = c.cluster;
            nodeId = c.nodeId;
            bind = c.bind;
            fabricPort = c.fabricPort;
            apiPort = c.apiPort;
            dataDir = c.dataDir;
            clusterKey = c.clusterKey;
            operatorTrust = c.operatorTrust;
            publisherTrust = c.publisherTrust;
            join = c.join;
            mdnsInterface = c.mdnsInterface;
            labels = c.labels;
            cpuMilli = c.cpuMilli;
            memoryMb = c.memoryMb;
            portFirst = c.portFirst;
            portLast = c.portLast;
            drainMs = c.drainMs;
            stopGraceMs = c.stopGraceMs;
            workloadUser = c.workloadUser;
            cgroupRoot = c.cgroupRoot;
            minFreeMb = c.minFreeMb;
            java = c.java;
            tickMs = c.tickMs;
            apiTokenFile = c.apiTokenFile;
            readsNeedToken = c.readsNeedToken;
            stopWorkloadsOnExit = c.stopWorkloadsOnExit;
            hyphae = c.hyphae;
            hyphaeOverlayPort = c.hyphaeOverlayPort;
            reserveCpuMilli = c.reserveCpuMilli;
            reserveMemoryMb = c.reserveMemoryMb;
        }

        public Builder cluster(String value) {
            cluster = value;
            return this;
        }

        public Builder nodeId(String value) {
            nodeId = value;
            return this;
        }

        public Builder bind(String value) {
            bind = value;
            return this;
        }

        public Builder fabricPort(int value) {
            fabricPort = value;
            return this;
        }

        public Builder apiPort(int value) {
            apiPort = value;
            return this;
        }

        public Builder dataDir(Path value) {
            dataDir = value;
            return this;
        }

        public Builder clusterKey(Path value) {
            clusterKey = value;
            return this;
        }

        public Builder operatorTrust(Path value) {
            operatorTrust = value;
            return this;
        }

        public Builder publisherTrust(Path value) {
            publisherTrust = value;
            return this;
        }

        public Builder join(List<String> value) {
            join = value;
            return this;
        }

        public Builder mdnsInterface(String value) {
            mdnsInterface = value;
            return this;
        }

        public Builder labels(Map<String, String> value) {
            labels = value;
            return this;
        }

        public Builder cpuMilli(long value) {
            cpuMilli = value;
            return this;
        }

        public Builder memoryMb(long value) {
            memoryMb = value;
            return this;
        }

        public Builder portFirst(int value) {
            portFirst = value;
            return this;
        }

        public Builder portLast(int value) {
            portLast = value;
            return this;
        }

        public Builder drainMs(long value) {
            drainMs = value;
            return this;
        }

        public Builder stopGraceMs(long value) {
            stopGraceMs = value;
            return this;
        }

        public Builder workloadUser(String value) {
            workloadUser = value;
            return this;
        }

        public Builder cgroupRoot(String value) {
            cgroupRoot = value;
            return this;
        }

        public Builder minFreeMb(long value) {
            minFreeMb = value;
            return this;
        }

        public Builder java(Path value) {
            java = value;
            return this;
        }

        public Builder tickMs(long value) {
            tickMs = value;
            return this;
        }

        public Builder apiTokenFile(Path value) {
            apiTokenFile = value;
            return this;
        }

        public Builder readsNeedToken(boolean value) {
            readsNeedToken = value;
            return this;
        }

        public Builder stopWorkloadsOnExit(boolean value) {
            stopWorkloadsOnExit = value;
            return this;
        }

        public Builder hyphae(String value) {
            hyphae = value;
            return this;
        }

        public Builder hyphaeOverlayPort(int value) {
            hyphaeOverlayPort = value;
            return this;
        }

        /** Millicores of the host kept back when cpu_milli is not set; null: the default (10%, at least 250). */
        public Builder reserveCpuMilli(Long value) {
            reserveCpuMilli = value;
            return this;
        }

        /** MiB of the host kept back when memory_mb is not set; null: the default (10%, at least 256). */
        public Builder reserveMemoryMb(Long value) {
            reserveMemoryMb = value;
            return this;
        }

        public AgentConfig build() {
            return new AgentConfig(cluster, nodeId, bind, fabricPort, apiPort, dataDir, clusterKey, operatorTrust, publisherTrust, join,
                    mdnsInterface, labels, cpuMilli, memoryMb, portFirst, portLast, drainMs, stopGraceMs, workloadUser, cgroupRoot,
                    minFreeMb, java, tickMs, apiTokenFile, readsNeedToken, stopWorkloadsOnExit, hyphae, hyphaeOverlayPort,
                    reserveCpuMilli, reserveMemoryMb);
        }
    }
}
