package io.mycelium.edge.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.common.socket.HelidonSocket;
import io.helidon.common.socket.NioSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RawChannelTest {

    @Test
    void findsTheChannelUnderAPlainNioSocketAndUsesIt() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), server.socket().getLocalPort());
                 SocketChannel accepted = server.accept()) {
                NioSocket socket = NioSocket.server(accepted, "test", "test");
                SocketChannel raw = RawChannel.of(socket);
                assertThat(raw).isSameAs(accepted);
                client.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
                ByteBuffer in = ByteBuffer.allocate(4);
                while (in.hasRemaining()) {
                    assertThat(raw.read(in)).isPositive();
                }
                assertThat(new String(in.array(), StandardCharsets.US_ASCII)).isEqualTo("ping");
            }
        }
    }

    @Test
    void anythingElseKeepsHelidonsPath() {
        assertThat(RawChannel.of(null)).isNull();
        HelidonSocket other = java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HelidonSocket.class}, (p, m, a) -> null) instanceof HelidonSocket s ? s : null;
        assertThat(RawChannel.of(other)).isNull();
    }
}
