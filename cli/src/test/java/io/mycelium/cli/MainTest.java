package io.mycelium.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mycelium.spore.time.Clock;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @TempDir
    Path home;

    @Test
    void versionPrintsTheBuildVersionAndExitsZero() {
        CliRun r = CliRun.run(home, "--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("mesh ").contains("Java ");
        assertThat(r.out()).doesNotContain("unknown").doesNotContain("${");
    }

    @Test
    void helpListsTheCommandsWithExamples() {
        CliRun r = CliRun.run(home, "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Commands:").contains("keygen").contains("Examples:");
        assertThat(r.out()).doesNotContain("docs ");
    }

    @Test
    void everyCommandHasHelpWithExamples() {
        picocli.CommandLine root = Commands.build(new CliContext(Map.of(), home, Clock.SYSTEM));
        assertEveryCommandTeaches(root);
    }

    private void assertEveryCommandTeaches(picocli.CommandLine cl) {
        if (cl.getCommandName().equals("help")) {
            return;
        }
        String name = cl.getCommandSpec().qualifiedName();
        String[] args = (name.substring("mesh".length()).trim() + " --help").trim().split(" ");
        CliRun r = CliRun.run(home, args);
        assertThat(r.code()).as(name + " --help").isZero();
        assertThat(r.out()).as(name + " --help").contains("Usage: " + name).contains("Examples:");
        for (picocli.CommandLine sub : cl.getSubcommands().values()) {
            assertEveryCommandTeaches(sub);
        }
    }

    @Test
    void aDaemonIsRunFromATreeWithOnlyItsCommandAndReadsTheSame() {
        CliContext ctx = new CliContext(Map.of(), home, Clock.SYSTEM);
        for (String daemon : new String[] {"agent", "edge"}) {
            picocli.CommandLine small = Commands.forArgs(ctx, daemon, "--help");
            assertThat(small.getSubcommands().keySet()).containsExactly(daemon);
            picocli.CommandLine full = Commands.build(ctx);
            assertThat(small.getSubcommands().get(daemon).getUsageMessage())
                    .isEqualTo(full.getSubcommands().get(daemon).getUsageMessage());
            CliRun r = CliRun.run(home, daemon, "--no-such-flag");
            assertThat(r.code()).isEqualTo(ExitCode.USAGE);
            assertThat(r.err()).startsWith("mesh " + daemon + ": ").contains("--no-such-flag");
        }
        assertThat(Commands.forArgs(ctx, "apps").getSubcommands()).containsOnlyKeys("apps");
        assertThat(Commands.forArgs(ctx, "--verbose", "spore", "pack").getSubcommands()).containsOnlyKeys("spore");
        assertThat(Commands.forArgs(ctx, "--version").getSubcommands()).isEmpty();
        assertThat(Commands.forArgs(ctx, "--help").getSubcommands()).containsKeys("agent", "edge", "apps", "up", "help");
        assertThat(Commands.forArgs(ctx, "help", "apps").getSubcommands()).containsKeys("apps", "up");
        assertThat(Commands.forArgs(ctx, "frobnicate").getSubcommands()).containsKeys("apps", "up");
    }

    @Test
    void eachCommandIsRegisteredUnderTheNameItDeclaresSoItsOwnTreeHasIt() {
        CliContext ctx = new CliContext(Map.of(), home, Clock.SYSTEM);
        for (String name : Commands.build(ctx).getSubcommands().keySet()) {
            if (!name.equals("help")) {
                assertThat(Commands.forArgs(ctx, name, "--help").getSubcommands()).as(name).containsOnlyKeys(name);
            }
        }
    }

    @Test
    void noCommandPrintsHelpToStderrWithUsageCode() {
        CliRun r = CliRun.run(home);
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("Usage: mesh");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aGroupWithoutItsSubcommandListsThemWithUsageCode() {
        for (String group : new String[] {"spore", "repo"}) {
            CliRun r = CliRun.run(home, group);
            assertThat(r.code()).as(group).isEqualTo(ExitCode.USAGE);
            assertThat(r.err()).contains("Usage: mesh " + group).contains("Commands:");
            assertThat(r.out()).isEmpty();
        }
    }

    @Test
    void unknownSubcommandOfAGroupSuggestsTheRightOneAndListsTheGroupsCommands() {
        CliRun r = CliRun.run(home, "spore", "verfy", "x.spore");
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.errLines().get(0)).startsWith("mesh spore: unknown command 'verfy' (did you mean verify?)");
        assertThat(r.err()).contains("  pack ").contains("  inspect ").doesNotContain("  keygen ");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void unknownCommandSuggestsTheClosestOneWithUsageCode() {
        CliRun r = CliRun.run(home, "keygn", "--out", "x");
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.errLines().get(0)).isEqualTo("mesh: unknown command 'keygn' (did you mean keygen?). The commands of mesh are:");
        assertThat(r.err()).contains("mesh COMMAND --help");
    }

    @Test
    void unknownCommandSaysSoAndListsTheCommandsWithOrWithoutHelp() {
        for (String[] args : new String[][] {{"frobnicate"}, {"frobnicate", "--help"}, {"--verbose", "frobnicate", "-h"}}) {
            CliRun r = CliRun.run(home, args);
            String as = String.join(" ", args);
            assertThat(r.code()).as(as).isEqualTo(ExitCode.USAGE);
            assertThat(r.errLines().get(0)).as(as).isEqualTo("mesh: unknown command 'frobnicate'. The commands of mesh are:");
            assertThat(r.err()).as(as).contains("  up ").contains("  spore ").contains("  apps ");
            assertThat(r.out()).as(as).isEmpty();
        }
    }

    @Test
    void editDistanceCountsOneLetterEdits() {
        assertThat(Main.editDistance("keygn", "keygen")).isEqualTo(1);
        assertThat(Main.editDistance("verfy", "verify")).isEqualTo(1);
        assertThat(Main.editDistance("spore", "spore")).isZero();
        assertThat(Main.editDistance("", "up")).isEqualTo(2);
        assertThat(Main.editDistance("frobnicate", "fabric")).isGreaterThan(3);
    }

    @Test
    void aKnownCommandsArgumentsAreNotTakenForCommands() {
        CliRun r = CliRun.run(home, "help", "spore");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: mesh spore");
    }

    @Test
    void missingRequiredOptionIsOneLineNamingIt() {
        CliRun r = CliRun.run(home, "keygen");
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).startsWith("mesh keygen: ").contains("--out");
    }

    @Test
    void badOutputFormatIsAUsageError() {
        CliRun r = CliRun.run(home, "keygen", "--out", home.toString(), "-o", "yaml");
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains("yaml").contains("table").contains("json");
    }

    @Test
    void failuresAreOneLineWithoutStackTraceUnlessVerbose() throws Exception {
        java.nio.file.Files.writeString(home.resolve("file"), "x");
        Path notADir = home.resolve("file");

        CliRun quiet = CliRun.run(home, "keygen", "--out", notADir.toString());
        assertThat(quiet.code()).isEqualTo(ExitCode.REJECTED);
        assertThat(quiet.errLines()).hasSize(1);
        assertThat(quiet.err()).contains(notADir.toString()).doesNotContain("\tat ");

        CliRun verbose = CliRun.run(home, "keygen", "--out", notADir.toString(), "--verbose");
        assertThat(verbose.code()).isEqualTo(ExitCode.REJECTED);
        assertThat(verbose.err()).contains("\tat ");

        CliRun debug = CliRun.run(new CliContext(Map.of("MESH_DEBUG", "1"), home, Clock.SYSTEM),
                "keygen", "--out", notADir.toString());
        assertThat(debug.err()).contains("\tat ");
    }

    @Test
    void ioFailuresNameTheFileAndReason() {
        assertThat(Failure.of(new java.nio.file.NoSuchFileException("/x/y")).message()).isEqualTo("/x/y: no such file or directory");
        assertThat(Failure.of(new java.nio.file.AccessDeniedException("/x/y")).message()).isEqualTo("/x/y: permission denied");
        assertThat(Failure.of(new java.io.UncheckedIOException(new java.nio.file.NoSuchFileException("/z"))).exitCode())
                .isEqualTo(ExitCode.REJECTED);
        Failure bug = Failure.of(new IllegalStateException("boom"));
        assertThat(bug.bug()).isTrue();
        assertThat(bug.message()).contains("IllegalStateException").contains("boom");
    }
}
