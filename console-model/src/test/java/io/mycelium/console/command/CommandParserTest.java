package io.mycelium.console.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class CommandParserTest {
    private final Vocabulary vocabulary = new Vocabulary(new TreeSet<>(List.of("billing", "search")),
            new TreeSet<>(List.of("billing-0-v1", "billing-1-v1")), new TreeSet<>(List.of("agent-1")), List.of("lab", "lab-2"),
            List.of("APP", "RPS TREND"), new TreeSet<>(List.of("sha256:ab12", "sha256:cd34")));

    @Test
    void completesDigestsAndInstanceIds() {
        assertThat(Completer.complete(":rollout start billing sha256:a", vocabulary, false).line())
                .isEqualTo(":rollout start billing sha256:ab12 ");
        assertThat(Completer.complete(":rollout start billing ", vocabulary, false).options()).containsExactly("sha256:ab12", "sha256:cd34");
        assertThat(Completer.complete(":stop billing-1", vocabulary, false).line()).isEqualTo(":stop billing-1-v1 ");
    }

    @Test
    void parsesCommandsOfTheIssue() throws Exception {
        assertThat(CommandParser.parse(":apps", false).spec().name()).isEqualTo("apps");
        assertThat(CommandParser.parse(":instances billing", false).args()).containsExactly("billing");
        assertThat(CommandParser.parse(":scale billing 3", false).args()).containsExactly("billing", "3");
        assertThat(CommandParser.parse(":rollout promote billing", false).args()).containsExactly("promote", "billing");
        assertThat(CommandParser.parse(":cluster lab-2", false).spec().name()).isEqualTo("cluster");
        assertThat(CommandParser.parse("  logs billing ", false).spec().name()).isEqualTo("logs");
    }

    @Test
    void aUniquePrefixIsTheCommand() throws Exception {
        assertThat(CommandParser.parse(":inst billing", false).spec().name()).isEqualTo("instances");
        assertThatThrownBy(() -> CommandParser.parse(":s", false)).hasMessageStartingWith("':s' is ambiguous: :sort :scale");
    }

    @Test
    void refusalsSayWhatWouldBeAccepted() {
        assertThatThrownBy(() -> CommandParser.parse(":scale billing", false))
                .hasMessage(":scale takes APP N (missing N): :scale APP N");
        assertThatThrownBy(() -> CommandParser.parse(":scale billing many", false))
                .hasMessage(":scale: N 'many' is not a number, e.g. :scale APP 3");
        assertThatThrownBy(() -> CommandParser.parse(":rollout fling billing", false))
                .hasMessage(":rollout: 'fling' is not one of promote, pause, resume, abort, undo, start");
        assertThatThrownBy(() -> CommandParser.parse(":bogus", false)).hasMessageStartingWith("unknown command ':bogus': one of :graph");
        assertThatThrownBy(() -> CommandParser.parse(":scale billing 2", true)).hasMessageContaining("read-only");
    }

    @Test
    void completesCommandsThenArgumentsFromTheVocabulary() {
        assertThat(Completer.complete(":ro", vocabulary, false)).isEqualTo(new Completer.Completion(":rollout", List.of("rollouts", "rollout")));
        assertThat(Completer.complete(":roll", vocabulary, false).options()).containsExactly("rollouts", "rollout");
        assertThat(Completer.complete(":rollout pro", vocabulary, false).line()).isEqualTo(":rollout promote ");
        assertThat(Completer.complete(":rollout promote b", vocabulary, false).line()).isEqualTo(":rollout promote billing ");
        assertThat(Completer.complete(":logs bil", vocabulary, false)).isEqualTo(
                new Completer.Completion(":logs billing", List.of("billing", "billing-0-v1", "billing-1-v1")));
        assertThat(Completer.complete(":cluster ", vocabulary, false).options()).containsExactly("lab", "lab-2", "all");
        assertThat(Completer.complete(":sort rps", vocabulary, false).line()).isEqualTo(":sort rps-trend ");
        assertThat(Completer.complete(":sc", vocabulary, true).options()).isEmpty();
    }

    @Test
    void helpIsGeneratedFromTheRegistryAndHidesActionsWhenReadOnly() {
        for (Front front : Front.values()) {
            List<String> help = HelpTable.text(false, front);
            for (KeyBinding k : Registry.keys(false, front)) {
                assertThat(help).anyMatch(l -> l.contains(k.key()) && l.contains(k.help()));
            }
            for (CommandSpec c : Registry.commands(false)) {
                assertThat(help).anyMatch(l -> l.contains(c.usage()));
            }
            assertThat(help).anyMatch(l -> l.contains(":scale APP N"));
            List<String> readonly = HelpTable.text(true, front);
            assertThat(readonly).noneMatch(l -> l.contains(":scale") || l.contains("ROLLOUT MENU") || l.contains("scale the selected app"));
            assertThat(readonly).anyMatch(l -> l.contains(":apps"));
        }
    }

    @Test
    void eachConsolesHelpListsOnlyTheKeysItHonours() {
        List<String> terminal = HelpTable.text(false, Front.TERMINAL);
        List<String> desktop = HelpTable.text(false, Front.DESKTOP);
        assertThat(terminal).anyMatch(l -> l.contains("1-6")).anyMatch(l -> l.contains("ctrl-k")).anyMatch(l -> l.contains("ROLLOUT MENU"))
                .noneMatch(l -> l.contains("fit the graph") || l.contains("zoom") || l.contains("theme"));
        assertThat(desktop).noneMatch(l -> l.contains("1-6") || l.contains("ctrl-k") || l.contains("ROLLOUT MENU") || l.contains("pgup")
                        || l.contains("sort by the next column") || l.contains("drill down"))
                .anyMatch(l -> l.contains("fit the graph")).anyMatch(l -> l.contains("+/-")).anyMatch(l -> l.contains("light or dark theme"))
                .anyMatch(l -> l.contains("esc") && l.contains("clear the selection"));
        assertThat(Registry.keys(false, Front.TERMINAL)).filteredOn(k -> k.key().equals("esc")).singleElement()
                .satisfies(k -> assertThat(k.help()).startsWith("back to the previous view"));
        assertThatThrownBy(() -> new KeyBinding("x", KeyBinding.Binding.QUIT, "nowhere", false, java.util.Set.of()))
                .hasMessageContaining("honoured by no console");
    }
}
