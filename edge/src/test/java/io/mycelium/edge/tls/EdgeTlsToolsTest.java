package io.mycelium.edge.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mycelium.edge.testing.EchoBackend;
import io.mycelium.edge.testing.EdgeFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edge's TLS as the usual tools see it: keys and certificates made by {@code openssl}
 * (Ed25519, EC in SEC1 form, RSA in PKCS#1 form), {@code curl --cacert} through the edge to a
 * backend, and {@code openssl s_client} checking the chain and the name.
 */
class EdgeTlsToolsTest {

    @TempDir
    Path dir;

    private record Result(int exit, String out) {
    }

    private Result run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                throw new IOException(String.join(" ", cmd) + " did not finish in 30 s");
            }
            return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } finally {
            p.destroyForcibly();
        }
    }

    private void ok(String... cmd) throws Exception {
        Result r = run(cmd);
        assertThat(r.exit()).as(String.join(" ", cmd) + ":\n" + r.out()).isZero();
    }

    private static boolean has(String tool) {
        return Files.isExecutable(Path.of("/usr/bin", tool));
    }

    /** A self-signed certificate for {@code name} made by openssl from a key of {@code kind}. */
    private void makeCert(String name, String kind) throws Exception {
        String key = name + ".key";
        switch (kind) {
            case "ed25519" -> ok("openssl", "genpkey", "-algorithm", "ed25519", "-out", key);
            case "ec-sec1" -> ok("openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", key);
            case "rsa-pkcs1" -> ok("openssl", "genrsa", "-traditional", "-out", key, "2048");
            default -> throw new IllegalArgumentException(kind);
        }
        ok("openssl", "req", "-x509", "-new", "-key", key, "-subj", "/CN=" + name, "-addext", "subjectAltName=DNS:" + name,
                "-days", "2", "-out", name + ".crt");
    }

    @Test
    void curlAndOpensslTalkToTheEdgeWithKeysOfEveryKind() throws Exception {
        assumeTrue(has("openssl") && has("curl"), "needs openssl and curl in /usr/bin");
        makeCert("ed.test", "ed25519");
        makeCert("ec.test", "ec-sec1");
        makeCert("rsa.test", "rsa-pkcs1");
        assertThat(Files.readString(dir.resolve("ec.test.key"))).contains("BEGIN EC PRIVATE KEY");
        assertThat(Files.readString(dir.resolve("rsa.test.key"))).contains("BEGIN RSA PRIVATE KEY");
        CertificateFiles files = CertificateFiles.load(List.of(dir), List.of());
        try (EchoBackend backend = new EchoBackend("echo"); EdgeFixture fx = new EdgeFixture(c -> { }, EdgeTls.server(files))) {
            fx.directory.put("echo", List.of(EdgeFixture.endpoint("e1", backend.port())));
            int port = fx.edge.port();
            for (String name : List.of("ed.test", "ec.test", "rsa.test")) {
                List<String> curl = new ArrayList<>(List.of("curl", "-sS", "--max-time", "20", "--cacert", name + ".crt",
                        "--resolve", name + ":" + port + ":127.0.0.1", "https://" + name + ":" + port + "/echo/hello?who=" + name));
                Result r = run(curl.toArray(String[]::new));
                assertThat(r.exit()).as("curl " + name + ": " + r.out()).isZero();
                assertThat(r.out()).contains("backend=echo", "uri=/hello?who=" + name, "h.x-forwarded-proto=https");
                Result s = run("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-servername", name,
                        "-CAfile", name + ".crt", "-verify_return_error", "-brief");
                assertThat(s.out()).as("openssl s_client " + name).contains("Verification: OK").contains("Peer certificate: CN = " + name)
                        .contains("TLSv1.3");
            }
            // a name no certificate carries: refused by openssl and curl alike, and the edge goes on
            Result wrong = run("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-servername", "other.test", "-brief");
            assertThat(wrong.exit()).isNotZero();
            assertThat(wrong.out()).containsIgnoringCase("unrecognized name");
            Result again = run("curl", "-sS", "--max-time", "20", "--cacert", "ec.test.crt", "--resolve",
                    "ec.test:" + port + ":127.0.0.1", "https://ec.test:" + port + "/echo/again");
            assertThat(again.out()).contains("uri=/again");
        }
    }
}
