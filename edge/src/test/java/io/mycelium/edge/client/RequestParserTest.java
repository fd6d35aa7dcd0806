package io.mycelium.edge.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mycelium.edge.ChunkDecoder;
import io.mycelium.edge.InputBuffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestParserTest {

    /** A channel that hands out {@code data} at most {@code step} bytes per read, then end of stream. */
    static ReadableByteChannel source(byte[] data, int step) {
        int[] at = {0};
        return new ReadableByteChannel() {
            @Override
            public int read(ByteBuffer dst) {
                if (at[0] == data.length) {
                    return -1;
                }
                int n = Math.min(Math.min(step, dst.remaining()), data.length - at[0]);
                dst.put(data, at[0], n);
                at[0] += n;
                return n;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };
    }

    /**
     * A client input over {@code data}, the channel it reads from, and the staging buffer of the
     * reads (smaller than the input buffer, as the loop's may be).
     */
    record Feed(ClientInput in, ReadableByteChannel channel, ByteBuffer io) {
        Feed(ClientInput in, ReadableByteChannel channel) {
            this(in, channel, ByteBuffer.allocate(1000));
        }

        /** Reads until a head is buffered, as the event loop does; false at end of stream. */
        boolean readHead() throws IOException, BadRequestException {
            while (!in.findHead()) {
                if (in.bytes().readFrom(channel, io, true) < 0) {
                    return false;
                }
            }
            return true;
        }

        /** Reads the next {@code n} body bytes, as the event loop does; fails at end of stream. */
        String body(long n) throws IOException {
            StringBuilder b = new StringBuilder();
            while (b.length() < n) {
                InputBuffer bytes = in.bytes();
                if (bytes.buffered() == 0 && bytes.readFrom(channel, io, true) < 0) {
                    throw new IOException("end of stream after " + b.length() + " of " + n + " body bytes");
                }
                int take = (int) Math.min(bytes.buffered(), n - b.length());
                b.append(new String(bytes.array(), bytes.position(), take, StandardCharsets.ISO_8859_1));
                bytes.skip(take);
            }
            return b.toString();
        }

        /** Decodes a chunked body, as the event loop does. */
        String chunked() throws IOException, ChunkDecoder.ChunkException {
            ChunkDecoder decoder = new ChunkDecoder(false);
            StringBuilder b = new StringBuilder();
            while (!decoder.done()) {
                InputBuffer bytes = in.bytes();
                if (bytes.buffered() == 0 && bytes.readFrom(channel, io, true) < 0) {
                    throw new IOException("end of stream inside the chunked body");
                }
                int end = decoder.decode(bytes.array(), bytes.position(), bytes.limit(),
                        (d, off, len) -> b.append(new String(d, off, len, StandardCharsets.ISO_8859_1)));
                bytes.skip(end - bytes.position());
            }
            return b.toString();
        }

        byte[] buffer() {
            return in.bytes().array();
        }

        int headStart() {
            return in.headStart();
        }

        int headEnd() {
            return in.headEnd();
        }
    }

    static Feed input(String data, int step) {
        return new Feed(new ClientInput(256, 1024), source(data.getBytes(StandardCharsets.ISO_8859_1), step));
    }

    static ClientRequest parse(String head) throws Exception {
        Feed in = input(head, Integer.MAX_VALUE);
        assertThat(in.readHead()).isTrue();
        ClientRequest r = new ClientRequest();
        RequestParser.parse(in.buffer(), in.headStart(), in.headEnd(), r);
        return r;
    }

    @Test
    void anAbsoluteFormTargetIsAcceptedAndItsHostWinsOverTheHostHeader() throws Exception {
        ClientRequest r = parse("GET http://billing.mesh.test:8080/hello?x=1 HTTP/1.1\r\nHost: other.test\r\n\r\n");
        assertThat(r.target()).isEqualTo("/hello?x=1");
        assertThat(r.host()).isEqualTo("billing.mesh.test:8080");
        ClientRequest bare = parse("GET HTTPS://edge.test HTTP/1.1\r\nHost: edge.test\r\n\r\n");
        assertThat(bare.target()).isEqualTo("/");
        assertThat(bare.host()).isEqualTo("edge.test");
        ClientRequest query = parse("GET http://edge.test?q HTTP/1.1\r\nHost: edge.test\r\n\r\n");
        assertThat(query.target()).isEqualTo("/?q");
        ClientRequest origin = parse("GET /billing/hello HTTP/1.1\r\nHost: edge.test\r\n\r\n");
        assertThat(origin.host()).as("origin form keeps the Host header").isEqualTo("edge.test");
    }

    @Test
    void parsesTheRequestLineAndTheFieldsTheEdgeActsOn() throws Exception {
        ClientRequest r = parse("POST /billing/a?x=1&y=2 HTTP/1.1\r\nHost: edge.test\r\nX-Request-Id: r-1\r\n"
                + "Content-Length: 12\r\nX-Forwarded-For: 10.0.0.1\r\nx-forwarded-for:10.0.0.2 \r\n"
                + "Accept:  text/plain\t\r\ntracestate: a=1\r\nTraceState: b=2\r\n\r\n");
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.target()).isEqualTo("/billing/a?x=1&y=2");
        assertThat(r.rawPath()).isEqualTo("/billing/a");
        assertThat(r.query()).isEqualTo("x=1&y=2");
        assertThat(r.http10()).isFalse();
        assertThat(r.keepAlive()).isTrue();
        assertThat(r.host()).isEqualTo("edge.test");
        assertThat(r.requestId()).isEqualTo("r-1");
        assertThat(r.contentLength()).isEqualTo(12);
        assertThat(r.hasBody()).isTrue();
        assertThat(r.chunked()).isFalse();
        assertThat(r.forwardedFor()).isEqualTo("10.0.0.1, 10.0.0.2");
        assertThat(r.tracestate()).isEqualTo("a=1,b=2");
        assertThat(r.fieldCount()).isEqualTo(8);
        int accept = 5;
        assertThat(r.name(accept)).isEqualTo("Accept");
        assertThat(r.value(accept)).isEqualTo("text/plain");
        assertThat(r.id(accept)).isEqualTo(ClientRequest.OTHER);
        assertThat(r.id(0)).isEqualTo(ClientRequest.HOST);
    }

    @Test
    void connectionTokensDecideKeepAliveAndNameHopByHopFields() throws Exception {
        ClientRequest r = parse("GET / HTTP/1.1\r\nHost: h\r\nConnection: close, X-Secret\r\nX-Secret: s\r\nX-Other: o\r\n\r\n");
        assertThat(r.keepAlive()).isFalse();
        assertThat(r.listedInConnection(2)).isTrue();
        assertThat(r.listedInConnection(3)).isFalse();
        assertThat(parse("GET / HTTP/1.0\r\n\r\n").keepAlive()).isFalse();
        ClientRequest ka = parse("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n");
        assertThat(ka.http10()).isTrue();
        assertThat(ka.keepAlive()).isTrue();
        assertThat(ka.host()).isNull();
        assertThat(parse("GET /?q HTTP/1.1\r\nHost: h\r\nExpect: 100-Continue\r\nTransfer-Encoding: Chunked\r\n\r\n"))
                .satisfies(c -> {
                    assertThat(c.expectContinue()).isTrue();
                    assertThat(c.chunked()).isTrue();
                    assertThat(c.hasBody()).isTrue();
                    assertThat(c.query()).isEqualTo("q");
                });
    }

    @ParameterizedTest(name = "{1} for {0}")
    @CsvSource(delimiter = '|', value = {
        "GET\\r\\n\\r\\n|400",
        "GET  / HTTP/1.1\\r\\nHost: h\\r\\n\\r\\n|400",
        "G(T / HTTP/1.1\\r\\nHost: h\\r\\n\\r\\n|400",
        "GET ftp://h/ HTTP/1.1\\r\\nHost: h\\r\\n\\r\\n|400",
        "GET http:/h/ HTTP/1.1\\r\\nHost: h\\r\\n\\r\\n|400",
        "GET http:///a HTTP/1.1\\r\\nHost: h\\r\\n\\r\\n|400",
        "GET http://user@h/ HTTP/1.1\\r\\nHost: h\\r\\n\\r\\n|400",
        "GET http://h/ HTTP/1.1\\r\\n\\r\\n|400",
        "OPTIONS * HTTP/1.1\\r\\nHost: h\\r\\n\\r\\n|400",
        "GET /a#frag HTTP/1.1\\r\\nHost: h\\r\\n\\r\\n|400",
        "GET /\u00e9 HTTP/1.1\\r\\nHost: h\\r\\n\\r\\n|400",
        "GET / HTTP/2.0\\r\\nHost: h\\r\\n\\r\\n|505",
        "GET / HTTP/1.2\\r\\nHost: h\\r\\n\\r\\n|505",
        "GET / HTTP/1.1 \\r\\nHost: h\\r\\n\\r\\n|400",
        "GET / http/1.1\\r\\nHost: h\\r\\n\\r\\n|400",
        "GET / HTTP/1.1\\r\\n\\r\\n|400",
        "GET / HTTP/1.1\\r\\nHost: a\\r\\nHost: b\\r\\n\\r\\n|400",
        "GET / HTTP/1.1\\r\\nHost: h\\r\\nBad Header: x\\r\\n\\r\\n|400",
        "GET / HTTP/1.1\\r\\nHost: h\\r\\nX-A : x\\r\\n\\r\\n|400",
        "GET / HTTP/1.1\\r\\nHost: h\\r\\n: x\\r\\n\\r\\n|400",
        "GET / HTTP/1.1\\r\\nHost: h\\r\\nX-A: x\\r\\n folded\\r\\n\\r\\n|400",
        "GET / HTTP/1.1\\r\\nHost: h\\r\\nX-A: a\\u0001b\\r\\n\\r\\n|400",
        "GET / HTTP/1.1\\r\\nHost: h\\r\\nX-A: a\\rb\\r\\n\\r\\n|400",
        "GET / HTTP/1.1\\r\\nHost: h\\r\\nContent-Length: abc\\r\\n\\r\\n|400",
        "GET / HTTP/1.1\\r\\nHost: h\\r\\nContent-Length: -1\\r\\n\\r\\n|400",
        "GET / HTTP/1.1\\r\\nHost: h\\r\\nContent-Length: 1, 1\\r\\n\\r\\n|400",
        "GET / HTTP/1.1\\r\\nHost: h\\r\\nContent-Length: 1\\r\\nContent-Length: 2\\r\\n\\r\\n|400",
        "POST / HTTP/1.1\\r\\nHost: h\\r\\nContent-Length: 4\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n|400",
        "POST / HTTP/1.1\\r\\nHost: h\\r\\nTransfer-Encoding: chunked\\r\\nContent-Length: 4\\r\\n\\r\\n|400",
        "POST / HTTP/1.1\\r\\nHost: h\\r\\nTransfer-Encoding: gzip, chunked\\r\\n\\r\\n|501",
        "POST / HTTP/1.1\\r\\nHost: h\\r\\nTransfer-Encoding: chunked\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n|501",
        "POST / HTTP/1.0\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n|400",
        "GET / HTTP/1.1\\r\\nHost: h\\r\\nExpect: something\\r\\n\\r\\n|417",
        "GET / HTTP/1.1\\nHost: h\\r\\n\\r\\n|400",
        "GET / HTTP/1.1\\r\\nHost: h\\n\\r\\n|400",
        "GET / HTTP/1.1\\r\\nHost: h\\r\\n\\n|400"})
    void refusesWhatRfc9112RefusesWithTheRightStatus(String escaped, int status) {
        String head = escaped.replace("\\r", "\r").replace("\\n", "\n").replace("\\u0001", "\u0001");
        assertThatThrownBy(() -> parse(head))
                .isInstanceOf(BadRequestException.class)
                .satisfies(e -> assertThat(((BadRequestException) e).status()).isEqualTo(status));
    }

    @Test
    void tooManyFieldsAre431() {
        StringBuilder b = new StringBuilder("GET / HTTP/1.1\r\nHost: h\r\n");
        for (int i = 0; i < 130; i++) {
            b.append("a:\r\n");
        }
        String head = b.append("\r\n").toString();
        Feed in = new Feed(new ClientInput(256, 4096), source(head.getBytes(StandardCharsets.ISO_8859_1), 100));
        assertThatThrownBy(() -> {
            in.readHead();
            RequestParser.parse(in.buffer(), in.headStart(), in.headEnd(), new ClientRequest());
        }).satisfies(e -> assertThat(((BadRequestException) e).status()).isEqualTo(431));
    }

    @Test
    void aHeadSplitIntoOneByteReadsIsTheSameHead() throws Exception {
        String head = "GET /a/b?c HTTP/1.1\r\nHost: h\r\nX-A: 1\r\n\r\n";
        Feed in = input(head, 1);
        assertThat(in.readHead()).isTrue();
        ClientRequest r = new ClientRequest();
        RequestParser.parse(in.buffer(), in.headStart(), in.headEnd(), r);
        assertThat(r.target()).isEqualTo("/a/b?c");
        assertThat(r.value(1)).isEqualTo("1");
        assertThat(in.readHead()).as("end of stream after the head").isFalse();
    }

    @Test
    void pipelinedRequestsAreReadOneAfterTheOtherWithTheirBodies() throws Exception {
        String two = "\r\nPOST /1 HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhelloGET /2 HTTP/1.1\r\nHost: h\r\n\r\n"
                + "POST /3 HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3;ext=1\r\nabc\r\n2\r\nde\r\n0\r\nX-T: 1\r\n\r\n";
        for (int step : new int[] {1, 7, 1 << 20}) {
            Feed in = input(two, step);
            ClientRequest r = new ClientRequest();
            assertThat(in.readHead()).isTrue();
            RequestParser.parse(in.buffer(), in.headStart(), in.headEnd(), r);
            assertThat(r.target()).isEqualTo("/1");
            assertThat(in.body(r.contentLength())).isEqualTo("hello");
            assertThat(in.readHead()).isTrue();
            RequestParser.parse(in.buffer(), in.headStart(), in.headEnd(), r);
            assertThat(r.target()).isEqualTo("/2");
            assertThat(r.hasBody()).isFalse();
            assertThat(in.readHead()).isTrue();
            RequestParser.parse(in.buffer(), in.headStart(), in.headEnd(), r);
            assertThat(r.target()).isEqualTo("/3");
            assertThat(in.chunked()).isEqualTo("abcde");
            assertThat(in.readHead()).isFalse();
        }
    }

    @Test
    void sizeLimitsAreEnforcedBeforeTheWholeHeadArrives() {
        // the limits are 256 bytes of request line and 1024 of fields (see input())
        Feed longLine = input("GET /" + "x".repeat(300), 16);
        assertThatThrownBy(longLine::readHead).satisfies(e -> assertThat(((BadRequestException) e).status()).isEqualTo(414));
        Feed bigFields = input("GET / HTTP/1.1\r\nX-Big: " + "y".repeat(2000), 16);
        assertThatThrownBy(bigFields::readHead).satisfies(e -> assertThat(((BadRequestException) e).status()).isEqualTo(431));
        Feed bareLf = input("GET / HTTP/1.1\n", 16);
        assertThatThrownBy(bareLf::readHead).satisfies(e -> assertThat(((BadRequestException) e).status()).isEqualTo(400));
    }

    @Test
    void fieldsOverTheLimitAre431EvenWhenTheWholeHeadArrivesInOneRead() throws Exception {
        // one read of 1 MiB delivers the complete head at once: no check between reads runs
        Feed big = input("GET / HTTP/1.1\r\nHost: h\r\nX-Big: " + "y".repeat(2000) + "\r\n\r\n", 1 << 20);
        assertThatThrownBy(big::readHead).satisfies(e -> assertThat(((BadRequestException) e).status()).isEqualTo(431));
        Feed fits = input("GET / HTTP/1.1\r\nHost: h\r\nX-Ok: " + "y".repeat(900) + "\r\n\r\n", 1 << 20);
        assertThat(fits.readHead()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"zz\\r\\n", "3\\r\\nabcX\\r\\n", "3\\nabc\\r\\n", "1234567890123456\\r\\n", "3;\\u0001\\r\\n"})
    void malformedChunkFramingIs400(String escaped) throws Exception {
        String body = escaped.replace("\\r", "\r").replace("\\n", "\n").replace("\\u0001", "\u0001");
        Feed in = input("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n" + body, 1 << 20);
        assertThat(in.readHead()).isTrue();
        assertThatThrownBy(in::chunked).isInstanceOf(ChunkDecoder.ChunkException.class);
    }

    @Test
    void aClientThatClosesInsideTheBodyIsGone() throws Exception {
        Feed in = input("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nabc", 1 << 20);
        assertThat(in.readHead()).isTrue();
        assertThatThrownBy(() -> in.body(10)).isInstanceOf(IOException.class).hasMessageContaining("3 of 10");
    }
}
