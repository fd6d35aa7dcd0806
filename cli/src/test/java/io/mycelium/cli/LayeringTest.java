package io.mycelium.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The CLI talks to agents through their API ({@code client.http.AgentClient}) and to its own
 * agents by signals, never through the agent's internals: no main source of the CLI names a class
 * of {@code agent.driver}, {@code agent.instance} or {@code agent.cgroup}.
 */
class LayeringTest {
    private static final Pattern INTERNAL = Pattern.compile("io\\.mycelium\\.agent\\.(driver|instance|cgroup)\\b");

    @Test
    void cliMainSourcesNameNoAgentInternals() throws IOException {
        Path main = Path.of("src/main/java");
        assertThat(main).as("run from the cli module's directory").isDirectory();
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(main)) {
            files.filter(p -> p.toString().endsWith(".java")).forEach(p -> found.addAll(internalsNamedIn(p)));
        }
        assertThat(found).as("CLI sources naming agent internals").isEmpty();
    }

    @Test
    void theRuleSeesAnImportAndAFullyQualifiedName() {
        assertThat(INTERNAL.matcher("import io.mycelium.agent.cgroup.Cgroups;").find()).isTrue();
        assertThat(INTERNAL.matcher("new io.mycelium.agent.instance.InstanceStore(dir)").find()).isTrue();
        assertThat(INTERNAL.matcher("import io.mycelium.agent.daemon.AgentMain;").find()).isFalse();
    }

    private static List<String> internalsNamedIn(Path file) {
        List<String> out = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = INTERNAL.matcher(lines.get(i));
                if (m.find()) {
                    out.add(file + ":" + (i + 1) + " names " + m.group());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
