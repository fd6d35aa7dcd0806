package io.mycelium.cli.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.mycelium.spore.time.Clock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.mycelium.cli.CliContext;
import io.mycelium.cli.CliRun;
import io.mycelium.cli.Commands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliReferenceTest {
    @TempDir
    Path tmp;

    private String generated() {
        return CliReference.markdown(Commands.build(new CliContext(Map.of(), tmp, Clock.SYSTEM)));
    }

    @Test
    void docsCliMdIsUpToDate() throws Exception {
        Path checkedIn = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent().resolve("docs/CLI.md");
        assertThat(checkedIn).as("docs/CLI.md exists").exists();
        assertThat(Files.readString(checkedIn, StandardCharsets.UTF_8))
                .as("docs/CLI.md is out of date: regenerate it with './mesh docs --out docs/CLI.md' and commit it")
                .isEqualTo(generated());
    }

    @Test
    void referenceHasEveryVisibleCommandAndNoHiddenOne() {
        String md = generated();
        for (String cmd : new String[] {"mesh up", "mesh keygen", "mesh spore pack", "mesh spore verify", "mesh spore extract",
                "mesh spore inspect", "mesh repo put", "mesh repo ls", "mesh repo get", "mesh repo rm", "mesh repo gc"}) {
            assertThat(md).contains("\n## " + cmd + "\n").contains("Usage: " + cmd);
        }
        assertThat(md).doesNotContain("## mesh docs").doesNotContain("## mesh help");
        assertThat(md.lines()).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(CliReference.WIDTH));
    }

    @Test
    void docsCommandWritesTheFile() throws Exception {
        Path out = tmp.resolve("docs/CLI.md");
        CliRun r = CliRun.run(tmp, "docs", "--out", out.toString());
        assertThat(r.code()).isZero();
        assertThat(Files.readString(out)).isEqualTo(generated());
    }
}
