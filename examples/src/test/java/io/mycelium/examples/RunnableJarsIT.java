package io.mycelium.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;

import io.mycelium.examples.common.Http;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** After packaging: target/billing.jar and target/frontend.jar run alone with {@code java -jar}. */
class RunnableJarsIT {
    private static final Pattern URL = Pattern.compile(".* listening on (http://127\\.0\\.0\\.1:\\d+)");

    @ParameterizedTest
    @ValueSource(strings = {"billing", "frontend"})
    void eachJarRunsAloneAndAnswersHello(String app) throws Exception {
        Path jar = Path.of("target", app + ".jar").toAbsolutePath();
        assertThat(jar).exists();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            String other = app.equals("billing") ? "frontend" : "billing";
            assertThat(zip.stream().map(e -> e.getName())).noneMatch(n -> n.contains("/" + other + "/"));
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-XX:+UseSerialGC", "-jar", jar.toString());
        pb.environment().put("PORT", "0");
        pb.environment().put("MYCELIUM_INSTANCE", app + "-it");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return String.valueOf(out.readLine());
                } catch (java.io.IOException e) {
                    return e.toString();
                }
            }).get(30, TimeUnit.SECONDS);
            Matcher m = URL.matcher(line);
            assertThat(m.matches()).as(line).isTrue();
            assertThat(Http.get(m.group(1) + "/hello").body()).contains("\"app\":\"" + app + "\"").contains("\"instance\":\"" + app + "-it\"");
        } finally {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
        assertThat(Files.exists(jar)).isTrue();
    }
}
