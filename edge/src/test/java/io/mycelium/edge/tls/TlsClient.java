package io.mycelium.edge.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/** A blocking TLS client for the tests: a chosen SNI name (or none) and one HTTP/1.1 exchange. */
final class TlsClient implements AutoCloseable {

    final SSLSocket socket;

    /** Connects to 127.0.0.1:{@code port} asking for {@code sni} (null: no name) and completes the handshake. */
    TlsClient(SSLContext ctx, int port, String sni) throws IOException {
        socket = (SSLSocket) ctx.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(10_000);
        SSLParameters p = socket.getSSLParameters();
        p.setServerNames(sni == null ? List.of() : List.of(new SNIHostName(sni)));
        socket.setSSLParameters(p);
        socket.startHandshake();
    }

    X509Certificate peer() throws IOException {
        return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }

    /** Sends {@code request} as it is and reads one response with a Content-Length body. */
    String exchange(String request) throws IOException {
        return exchange(request.getBytes(StandardCharsets.ISO_8859_1));
    }

    String exchange(byte[] request) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(request);
        out.flush();
        return readResponse(socket.getInputStream());
    }

    static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int headEnd = -1;
        long want = -1;
        byte[] buf = new byte[8192];
        while (true) {
            if (headEnd < 0) {
                String s = b.toString(StandardCharsets.ISO_8859_1);
                int i = s.indexOf("\r\n\r\n");
                if (i >= 0) {
                    headEnd = i + 4;
                    String head = s.substring(0, i).toLowerCase();
                    int cl = head.indexOf("content-length:");
                    if (cl < 0) {
                        throw new IOException("no content-length in " + head);
                    }
                    int eol = head.indexOf("\r\n", cl);
                    want = Long.parseLong(head.substring(cl + 15, eol < 0 ? head.length() : eol).strip());
                }
            }
            if (headEnd >= 0 && b.size() - headEnd >= want) {
                return b.toString(StandardCharsets.ISO_8859_1);
            }
            int n = in.read(buf);
            if (n < 0) {
                throw new IOException("connection closed after " + b.size() + " bytes: " + b.toString(StandardCharsets.ISO_8859_1));
            }
            b.write(buf, 0, n);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
