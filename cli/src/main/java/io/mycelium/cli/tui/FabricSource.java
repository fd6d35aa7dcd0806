package io.mycelium.cli.tui;

import io.mycelium.cli.MeshException;
import io.mycelium.client.http.AgentClient;
import io.mycelium.client.http.ClientException;
import io.mycelium.client.http.SporeUpload;
import io.mycelium.client.member.ConsoleMember;
import io.mycelium.console.source.ClusterSource;
import io.mycelium.fabric.ClusterMember;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.SubmitResult;
import io.mycelium.fabric.discovery.Seeds;
import io.mycelium.fabric.model.NodeInfo;
import io.mycelium.fabric.model.Role;
import io.mycelium.fabric.wire.Keyring;
import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.key.KeyId;
import io.mycelium.spore.manifest.Manifest;
import io.mycelium.spore.manifest.ManifestCodec;
import io.mycelium.spore.verify.SporeInfo;
import io.mycelium.spore.key.SigningKey;
import io.mycelium.spore.key.TrustStore;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A cluster seen from the client layer's {@link ConsoleMember} (a fabric member of role console):
 * views and changes come from the member's own replica (so on its side of a partition it keeps
 * showing what that side knows), submits are signed by the member and gossiped like any operator
 * record, logs are read from the agent that runs the instance with the client's
 * {@link AgentClient}. ScaleCube rejoins by itself after a lost connection; {@link #connected}
 * says whether any other member is alive now.
 */
final class FabricSource implements ClusterSource {
    private final String cluster;
    private final ConsoleMember member;
    private final Optional<SigningKey> operator;
    private final TrustStore trust;
    private final String apiToken;

    private FabricSource(String cluster, ConsoleMember member, Optional<SigningKey> operator, TrustStore trust, String apiToken) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.member = Objects.requireNonNull(member, "member");
        this.operator = Objects.requireNonNull(operator, "operator");
        this.trust = Objects.requireNonNull(trust, "trust");
        this.apiToken = apiToken;
    }

    /**
     * Joins {@code target} as a console member on {@code bind} (a free port). Operator records are
     * accepted when signed by a key of the target's trust store, or, without one, by the console's
     * own operator key.
     */
    static FabricSource join(ClusterTarget target, String bind, String mdnsInterface, String apiToken) {
        Optional<SigningKey> signer = Optional.ofNullable(target.operatorKey()).map(SigningKey::read);
        TrustStore operators = target.trust() != null ? TrustStore.load(target.trust())
                : signer.map(s -> TrustStore.of(s.verifyingKey())).orElse(TrustStore.of());
        try {
            ConsoleMember member = ConsoleMember.join(new ConsoleMember.Options(target.cluster(), ConsoleMember.defaultNodeId(),
                    Keyring.read(target.clusterKey()), operators, bind, 0, Seeds.parse(target.seeds()), mdnsInterface));
            return new FabricSource(target.cluster(), member, signer, operators, apiToken);
        } catch (UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw MeshException.rejected("cannot join " + target.cluster() + ": " + e.getMessage());
        }
    }

    /** The operator trust store the console verifies the audit trail against; empty when it has none. */
    Optional<TrustStore> trust() {
        return trust.isEmpty() ? Optional.empty() : Optional.of(trust);
    }

    @Override
    public String name() {
        return cluster;
    }

    @Override
    public ClusterView view() {
        return member.view();
    }

    @Override
    public void onChange(Runnable listener) {
        member.onChange(change -> listener.run());
    }

    @Override
    public boolean connected() {
        return view().members().stream().anyMatch(m -> m.alive() && !m.self());
    }

    @Override
    public Optional<KeyId> operator() {
        return operator.map(SigningKey::id);
    }

    @Override
    public SubmitResult submit(Object payload, String app) {
        if (operator.isEmpty()) {
            return SubmitResult.refused("this console has no operator key: start it with --key operator.key");
        }
        if (!connected()) {
            return SubmitResult.refused("no member of " + cluster + " is reachable; the console reconnects by itself, try again then");
        }
        return member.submit(operator.get(), payload, app);
    }

    @Override
    public long hlcNow() {
        return member.hlcNow();
    }

    @Override
    public Outcome instanceAction(String nodeId, String instanceId, String action) {
        if (operator.isEmpty()) {
            return Outcome.refused("this console has no operator key: start it with --key operator.key");
        }
        String api = apiOf(nodeId);
        if (api.isEmpty()) {
            return Outcome.refused("the agent " + nodeId + " that runs " + instanceId + " is not reachable (no API address seen)");
        }
        try (AgentClient client = new AgentClient(api, apiToken)) {
            var done = client.instanceAction(instanceId, action, "", operator.get(), java.time.Instant.now());
            return Outcome.done(done.message());
        } catch (ClientException e) {
            return Outcome.refused(e.getMessage() + (e.hint() == null ? "" : " (" + e.hint() + ")"));
        }
    }

    /** The API of a live agent, or empty. */
    private String apiOf(String nodeId) {
        ClusterView v = view();
        String api = v.nodeInfo(nodeId).map(NodeInfo::apiUrl).orElse("");
        return v.member(nodeId).map(ClusterMember::alive).orElse(false) ? api : "";
    }

    /** The APIs of the live agents, in node id order. */
    private java.util.List<String> liveAgentApis() {
        ClusterView v = view();
        return v.members().stream().filter(m -> m.alive() && m.role() == Role.AGENT).map(ClusterMember::id).sorted()
                .map(this::apiOf).filter(a -> !a.isEmpty()).toList();
    }

    @Override
    public Outcome publish(SporeInfo spore) {
        if (operator.isEmpty()) {
            return Outcome.refused("this console has no operator key: start it with --key operator.key");
        }
        java.util.List<String> apis = liveAgentApis();
        if (apis.isEmpty()) {
            return Outcome.refused("no live agent of " + cluster + " with an API is seen; the console reconnects by itself, try again then");
        }
        try (AgentClient client = new AgentClient(apis.getFirst(), apiToken)) {
            SporeUpload.Published p = SporeUpload.publish(client, spore, operator.get(), java.time.Instant.now(), SporeUpload.Watcher.NONE);
            return Outcome.done((p.created() ? "stored by " : "already held by ") + p.agent());
        } catch (ClientException e) {
            return Outcome.refused(e.getMessage() + (e.hint() == null ? "" : " (" + e.hint() + ")"));
        }
    }

    @Override
    public Optional<Manifest> manifest(Digest digest) {
        for (String api : liveAgentApis()) {
            try (AgentClient client = new AgentClient(api, apiToken)) {
                Optional<String> m = client.manifest(digest);
                if (m.isPresent()) {
                    return Optional.of(ManifestCodec.parse(m.get().getBytes(java.nio.charset.StandardCharsets.UTF_8), api + " manifest of " + digest));
                }
            } catch (RuntimeException e) {
                // this agent cannot say (unreachable, refused, or a manifest it cannot parse): ask the next
            }
        }
        return Optional.empty();
    }

    @Override
    public LogLines logs(String nodeId, String instanceId, int tail) {
        String api = apiOf(nodeId);
        if (api.isEmpty()) {
            return LogLines.failed("the agent " + nodeId + " that runs " + instanceId + " is not reachable (no API address seen)");
        }
        try (AgentClient client = new AgentClient(api, apiToken);
             Stream<String> lines = client.logs(instanceId, "", "stdout", tail, false)) {
            return LogLines.of(lines.toList());
        } catch (ClientException e) {
            return LogLines.failed("logs of " + instanceId + " from " + api + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        member.close();
    }
}
