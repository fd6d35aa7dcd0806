package io.mycelium.fabric.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A test bridge with veth pairs into network namespaces, all named with one prefix so that a run
 * removes its own leftovers and those of earlier crashed runs, and nothing else.
 */
public final class Netns implements AutoCloseable {
    /** Every name this helper creates starts with this. */
    public static final String FAMILY = "mycf";

    private final String id;
    private final String subnet;
    private final List<String> namespaces = new ArrayList<>();

    public Netns(String id, int subnetByte) {
        this.id = id;
        this.subnet = "10.213." + subnetByte;
    }

    public static boolean usable() {
        try {
            return "root".equals(System.getProperty("user.name")) && run(false, "ip", "netns", "list").ok();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Deletes namespaces and links of this family left by earlier runs. */
    public static void removeLeftovers() {
        for (String line : run(false, "ip", "netns", "list").out().split("\n")) {
            String ns = line.split(" ")[0].strip();
            if (ns.startsWith(FAMILY + "-")) {
                run(false, "ip", "netns", "del", ns);
            }
        }
        for (String line : run(false, "ip", "-o", "link", "show").out().split("\n")) {
            String[] parts = line.split(":\\s+");
            if (parts.length > 1) {
                String name = parts[1].split("@")[0].strip();
                if (name.startsWith(FAMILY)) {
                    run(false, "ip", "link", "del", name);
                }
            }
        }
    }

    public String bridge() {
        return FAMILY + id + "br";
    }

    public String bridgeAddress() {
        return subnet + ".1";
    }

    public String address(int i) {
        return subnet + "." + (10 + i);
    }

    public String namespace(int i) {
        return FAMILY + "-" + id + "-n" + i;
    }

    public String insideInterface(int i) {
        return FAMILY + id + "c" + i;
    }

    public void createBridge() {
        run(true, "ip", "link", "add", bridge(), "type", "bridge");
        run(true, "ip", "addr", "add", bridgeAddress() + "/24", "dev", bridge());
        run(true, "ip", "link", "set", bridge(), "up");
    }

    /** Namespace i with a veth into the bridge, address {@link #address(int)}, multicast on and routed. */
    public void addNode(int i) {
        String ns = namespace(i);
        String host = FAMILY + id + "h" + i;
        String inside = insideInterface(i);
        run(true, "ip", "netns", "add", ns);
        namespaces.add(ns);
        run(true, "ip", "link", "add", host, "type", "veth", "peer", "name", inside);
        run(true, "ip", "link", "set", inside, "netns", ns);
        run(true, "ip", "link", "set", host, "master", bridge());
        run(true, "ip", "link", "set", host, "up");
        exec(ns, "ip", "link", "set", "lo", "up");
        exec(ns, "ip", "addr", "add", address(i) + "/24", "dev", inside);
        exec(ns, "ip", "link", "set", inside, "multicast", "on");
        exec(ns, "ip", "link", "set", inside, "up");
        exec(ns, "ip", "route", "add", "224.0.0.0/4", "dev", inside);
    }

    /** Drops every packet from namespace i to namespace j (both directions need one each). */
    public void blackhole(int i, int j) {
        exec(namespace(i), "ip", "route", "add", "blackhole", address(j) + "/32");
    }

    public void unblackhole(int i, int j) {
        exec(namespace(i), "ip", "route", "del", "blackhole", address(j) + "/32");
    }

    /** The command line that runs {@code command} inside namespace i (the PID is the command's own). */
    public List<String> inNamespace(int i, List<String> command) {
        List<String> out = new ArrayList<>(List.of("ip", "netns", "exec", namespace(i)));
        out.addAll(command);
        return out;
    }

    private void exec(String ns, String... cmd) {
        List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        c.addAll(List.of(cmd));
        run(true, c.toArray(String[]::new));
    }

    @Override
    public void close() {
        for (String ns : namespaces) {
            run(false, "ip", "netns", "del", ns);
        }
        for (int i = 0; i < 16; i++) {
            run(false, "ip", "link", "del", FAMILY + id + "h" + i);
        }
        run(false, "ip", "link", "del", bridge());
    }

    public record Result(int code, String out) {
        boolean ok() {
            return code == 0;
        }
    }

    public static Result run(boolean check, String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + ": timed out");
            }
            if (check && p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed (" + p.exitValue() + "): " + out.strip());
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", cmd) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
