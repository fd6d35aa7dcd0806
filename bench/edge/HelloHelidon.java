import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.WebServer;
import java.nio.charset.StandardCharsets;

/**
 * The ceiling of the edge's listener: a bare Helidon SE 4.5.0 server (same listener settings
 * as the edge: TCP_NODELAY, HTTP/1.1) that answers every request with the backend's 13-byte
 * body itself, proxying nothing. If this does not reach nginx-as-a-proxy's throughput, no
 * handler on this listener can.
 *
 * java -cp EDGE_CLASSPATH bench/edge/HelloHelidon.java PORT
 */
public final class HelloHelidon {
    public static void main(String[] a) throws InterruptedException {
        byte[] body = "hello, mesh!\n".getBytes(StandardCharsets.US_ASCII);
        var type = HeaderValues.create(HeaderNames.CONTENT_TYPE, "text/plain");
        WebServer server = WebServer.builder()
                .host("127.0.0.1")
                .port(Integer.parseInt(a[0]))
                .shutdownHook(false)
                .connectionOptions(o -> o.tcpNoDelay(true))
                .routing(r -> r.any((req, res) -> {
                    res.header(type);
                    res.send(body);
                }))
                .build()
                .start();
        System.out.println("hello listening on port " + server.port());
        Thread.currentThread().join();
    }
}
