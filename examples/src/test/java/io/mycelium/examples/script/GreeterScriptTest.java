package io.mycelium.examples.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mycelium.examples.common.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The non-JVM workload, run as the agent would: the executable script itself, no interpreter named. */
class GreeterScriptTest {
    static final Path SCRIPT = Path.of("script/greeter.py").toAbsolutePath();
    private static final Pattern LISTENING = Pattern.compile("greeter (\\S+) \\(instance (\\S+)\\) listening on (http://127\\.0\\.0\\.1:(\\d+))");

    private Process process;

    @BeforeEach
    void needsPython() {
        Assumptions.assumeTrue(onPath("python3"), "python3 is not installed (apt-get install python3); the script workload needs it");
        assertThat(Files.isExecutable(SCRIPT)).as(SCRIPT + " is executable").isTrue();
    }

    @AfterEach
    void stop() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void servesHelloAndHealthAndStopsOnSigterm() throws Exception {
        process = start(Map.of("PORT", "0", "GREETING", "Salut", "MYCELIUM_INSTANCE", "greeter-1"));
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> readLine(out)).get(20, TimeUnit.SECONDS);
        Matcher m = LISTENING.matcher(line);
        assertThat(m.matches()).as(line).isTrue();
        assertThat(m.group(2)).isEqualTo("greeter-1");

        String hello = Http.get(m.group(3) + "/hello").body();
        assertThat(hello).contains("\"app\": \"greeter\"").contains("\"instance\": \"greeter-1\"")
                .contains("\"greeting\": \"Salut\"").contains("\"pid\": " + process.pid());
        assertThat(Http.get(m.group(3) + "/health").statusCode()).isEqualTo(200);
        assertThat(Http.get(m.group(3) + "/nope").statusCode()).isEqualTo(404);

        process.destroy(); // SIGTERM
        assertThat(process.waitFor(Duration.ofSeconds(10).toSeconds(), TimeUnit.SECONDS)).as("exits on SIGTERM").isTrue();
        assertThat(process.exitValue()).isZero();
    }

    @Test
    void aBadPortIsOneLineAndExitCodeTwo() throws Exception {
        process = start(Map.of("PORT", "eighty"));
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(err.lines().toList()).containsExactly("greeter: PORT 'eighty' is not a port number (0-65535); set it to a free port, or 0 for any");
    }

    private static Process start(Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(SCRIPT.toString());
        pb.environment().keySet().removeIf(k -> k.equals("PORT") || k.equals("HOST") || k.startsWith("MYCELIUM_"));
        pb.environment().putAll(env);
        return pb.start();
    }

    private static String readLine(BufferedReader r) {
        try {
            String line = r.readLine();
            return line == null ? "" : line;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
