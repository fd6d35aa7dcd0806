package io.mycelium.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Free loopback TCP ports for tests (tests only ever listen on loopback). */
public final class Ports {
    private Ports() {
    }

    /** A port free on 127.0.0.1 now (the OS picks it). */
    public static int free() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The first of {@code size} consecutive ports free on 127.0.0.1 now, from 32000-46999 (for
     * programs that take a base port and count up, as {@code mesh up} does).
     */
    public static int freeBlock(int size) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = 32_000 + ThreadLocalRandom.current().nextInt(0, 300) * 50;
            if (allFree(base, size)) {
                return base;
            }
        }
        throw new IllegalStateException("no free block of " + size + " loopback ports in 32000-46999");
    }

    private static boolean allFree(int base, int size) {
        for (int p = base; p < base + size; p++) {
            try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getLoopbackAddress())) {
                s.setReuseAddress(true);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
