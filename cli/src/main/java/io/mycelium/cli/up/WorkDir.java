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

    Path lock() {
        return root.resolve(".lock");
    }
}
