package io.mycelium.cli.up;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The layout of {@code mesh up}'s work directory.
 *
 * <pre>
 *   keys/publisher.key  .pub   the publisher key (made on the first run)
 *   trust/publisher.pub        the trust store the spores are verified against
 *   spores/NAME-VERSION.spore  the packed examples, with .inputs fingerprints
 *   repo/                      the content-addressed repo they are published into
 *   keys/operator.key  .pub    the operator key that signs plans and uploads (made on the first run)
 *   operators/operator.pub     the operator trust store the agents and the edge load
 *   cluster.key, cluster.name  the fabric's keyring and this local cluster's name (made on the first run)
 *   agents/ID.json, agents/ID/ each agent's config and data dir
 *   edge.json, edge/           the edge's config and data dir
 *   logs/ID.log                each child process's output
 *   pids                       the PIDs of the running children (to stop leftovers of a killed run)
 * </pre>
 *
 * @param root the work directory
 */
record WorkDir(Path root) {
    WorkDir {
        Objects.requireNonNull(root, "root");
    }

    Path keys() {
        return root.resolve("keys");
    }

    Path publisherKey() {
        return keys().resolve("publisher.key");
    }

    Path publisherPub() {
        return keys().resolve("publisher.pub");
    }

    Path trust() {
        return root.resolve("trust");
    }

    Path spores() {
        return root.resolve("spores");
    }

    Path repo() {
        return root.resolve("repo");
    }

    Path operatorKey() {
        return keys().resolve("operator.key");
    }

    Path operatorTrust() {
        return root.resolve("operators");
    }

    Path clusterKey() {
        return root.resolve("cluster.key");
    }

    Path clusterName() {
        return root.resolve("cluster.name");
    }

    Path agents() {
        return root.resolve("agents");
    }

    Path logs() {
        return root.resolve("logs");
    }

    Path pids() {
        return root.resolve("pids");
    }

    Path lock() {
        return root.resolve(".lock");
    }
}
