package io.mycelium.fabric.discovery;

import io.mycelium.fabric.membership.MemberInfo;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.logging.Logger;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceEvent;
import javax.jmdns.ServiceInfo;
import javax.jmdns.ServiceListener;

/**
 * Announces this member as {@code _mycelium._tcp.local.} (TXT: cluster, node, role, host, fabric
 * port, API port) and reports peers of the same cluster, on exactly one interface, never on all.
 */
public final class MdnsDiscovery implements AutoCloseable {
    public static final String SERVICE_TYPE = "_mycelium._tcp.local.";
    private static final Logger LOG = Logger.getLogger(MdnsDiscovery.class.getName());

    private final MemberInfo self;
    private final InetAddress bind;
    private final Consumer<MemberInfo> found;
    private JmDNS jmdns;

    /**
     * @param bind the address of the one interface to use (see {@link #resolveInterface})
     * @param found called with each peer of the same cluster (possibly several times), on a JmDNS thread
     */
    public MdnsDiscovery(MemberInfo self, InetAddress bind, Consumer<MemberInfo> found) {
        this.self = Objects.requireNonNull(self, "self");
        this.bind = Objects.requireNonNull(bind, "bind");
        this.found = Objects.requireNonNull(found, "found");
    }

    /** An interface name ({@code lo}, {@code veth1}) or an IPv4 address, as the address to bind mDNS to. */
    public static InetAddress resolveInterface(String nameOrAddress) {
        try {
            NetworkInterface nif = NetworkInterface.getByName(nameOrAddress);
            if (nif != null) {
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    if (a instanceof Inet4Address) {
                        return a;
                    }
                }
                throw new IllegalArgumentException("--mdns-interface " + nameOrAddress + ": the interface has no IPv4 address");
            }
            InetAddress a = InetAddress.getByName(nameOrAddress);
            if (NetworkInterface.getByInetAddress(a) == null) {
                throw new IllegalArgumentException("--mdns-interface " + nameOrAddress + ": no local interface has this address");
            }
            return a;
        } catch (SocketException | UnknownHostException e) {
            throw new IllegalArgumentException("--mdns-interface " + nameOrAddress + ": not an interface or address of this host");
        }
    }

    public void start() throws IOException {
        jmdns = JmDNS.create(bind, self.id());
        jmdns.addServiceListener(SERVICE_TYPE, new ServiceListener() {
            @Override
            public void serviceAdded(ServiceEvent event) {
                jmdns.requestServiceInfo(event.getType(), event.getName(), 1_000);
            }

            @Override
            public void serviceRemoved(ServiceEvent event) {
                // membership, not mDNS, decides when a member is gone
            }

            @Override
            public void serviceResolved(ServiceEvent event) {
                MemberInfo peer = parse(event.getInfo());
                if (peer != null && peer.cluster().equals(self.cluster()) && !peer.id().equals(self.id())) {
                    found.accept(peer);
                }
            }
        });
        Map<String, String> txt = Map.of("cluster", self.cluster(), "node", self.id(), "role", self.role().wireName(),
                "host", self.host(), "fport", Integer.toString(self.fabricPort()), "aport", Integer.toString(self.apiPort()));
        jmdns.registerService(ServiceInfo.create(SERVICE_TYPE, self.id(), self.fabricPort(), 0, 0, txt));
    }

    /** A peer from a resolved service, or null while its TXT is still empty or incomplete. */
    static MemberInfo parse(ServiceInfo info) {
        if (info == null) {
            return null;
        }
        try {
            String cluster = info.getPropertyString("cluster");
            String node = info.getPropertyString("node");
            String role = info.getPropertyString("role");
            String host = info.getPropertyString("host");
            String fport = info.getPropertyString("fport");
            String aport = info.getPropertyString("aport");
            if (cluster == null || node == null || role == null || host == null || fport == null || aport == null) {
                return null;
            }
            return new MemberInfo(cluster, node, io.mycelium.fabric.model.Role.parse(role), host,
                    Integer.parseInt(fport), Integer.parseInt(aport));
        } catch (IllegalArgumentException e) {
            LOG.fine("mDNS: ignoring a malformed announcement: " + e.getMessage());
            return null;
        }
    }

    public static InetSocketAddress fabricAddress(MemberInfo m) {
        return new InetSocketAddress(m.host(), m.fabricPort());
    }

    @Override
    public void close() {
        if (jmdns != null) {
            try {
                jmdns.unregisterAllServices();
                jmdns.close();
            } catch (IOException e) {
                LOG.fine("mDNS close: " + e);
            }
        }
    }
}
