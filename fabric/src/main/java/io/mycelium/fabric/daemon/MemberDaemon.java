package io.mycelium.fabric.daemon;

import io.mycelium.fabric.FabricConfig;
import io.mycelium.fabric.FabricNode;
import io.mycelium.fabric.discovery.Seeds;
import io.mycelium.fabric.model.Role;
import io.mycelium.fabric.status.StatusServer;
import io.mycelium.fabric.wire.Keyring;
import io.mycelium.spore.key.TrustStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * One bare fabric member with a read-only status server, until TERM. {@code mesh fabric member}
 * is the way in; {@link #main} ({@code MemberDaemon SETTINGS.json}) lets tests start members as
 * plain processes. Prints {@code ready <id> fabric=<host:port> status=<url>} when up.
 */
public final class MemberDaemon implements AutoCloseable {
    private final FabricNode node;
    private final StatusServer status;

    private MemberDaemon(FabricNode node, StatusServer status) {
        this.node = node;
        this.status = status;
    }

    /** Joins the fabric and serves the status documents; a bad key or trust dir is an {@link IllegalArgumentException}. */
    public static MemberDaemon start(MemberSettings s) throws IOException {
        Keyring keyring = Keyring.read(s.clusterKey());
        TrustStore trust = s.operatorTrust() == null ? TrustStore.of() : TrustStore.load(s.operatorTrust());
        FabricConfig config = FabricConfig.builder(s.cluster(), s.nodeId(), Role.parse(s.role()), s.bind(), s.fabricPort())
                .api(s.apiPort(), s.statusUrl()).labels(s.labels()).dataDir(s.dataDir()).build();
        FabricNode node = FabricNode.start(new FabricNode.Options(config, keyring, trust, Seeds.parse(s.join()),
                s.mdnsInterface(), null));
        try {
            return new MemberDaemon(node, new StatusServer(node.fabric(), s.bind(), s.apiPort()));
        } catch (IOException | RuntimeException e) {
            node.close();
            throw e;
        }
    }

    public FabricNode node() {
        return node;
    }

    @Override
    public void close() {
        status.close();
        node.close();
    }

    /** Starts a member, prints the ready line and blocks until the JVM is asked to stop; returns the exit code. */
    public static int runUntilStopped(MemberSettings s, PrintStream out, PrintStream err) {
        MemberDaemon member;
        try {
            member = start(s);
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("mesh fabric member: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println("mesh fabric member: cannot start " + s.nodeId() + " on " + s.bind() + ":" + s.fabricPort() + ": "
                    + e.getMessage() + " (is the port in use?)");
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            member.close();
            stopped.countDown();
        }, "fabric-shutdown"));
        out.println("ready " + s.nodeId() + " fabric=" + s.bind() + ":" + s.fabricPort() + " status=" + s.statusUrl());
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** {@code MemberDaemon SETTINGS.json}: the member the file describes, until TERM. */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: MemberDaemon SETTINGS.json (or run mesh fabric member --help)");
            System.exit(2);
        }
        MemberSettings settings;
        try {
            settings = MemberSettings.read(Path.of(args[0]));
        } catch (IllegalArgumentException e) {
            System.err.println("mesh fabric member: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(runUntilStopped(settings, System.out, System.err));
    }
}
