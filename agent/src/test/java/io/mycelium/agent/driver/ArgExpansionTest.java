package io.mycelium.agent.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArgExpansionTest {
    private static final Map<String, String> ENV = Map.of("PORT", "8081", "MYCELIUM_SPORE_DIR", "/srv/sprouts/abc");

    @Test
    void replacesEveryBracedNameFromTheEnvironment() {
        assertThat(ArgExpansion.expand(List.of("--port=${PORT}", "${MYCELIUM_SPORE_DIR}/conf/${PORT}.json", "plain"), ENV))
                .containsExactly("--port=8081", "/srv/sprouts/abc/conf/8081.json", "plain");
    }

    @Test
    void twoDollarsAreOneAndADollarWithoutBracesStaysAsItIs() {
        assertThat(ArgExpansion.expand("$${PORT}", ENV)).isEqualTo("${PORT}");
        assertThat(ArgExpansion.expand("costs $$5", ENV)).isEqualTo("costs $5");
        assertThat(ArgExpansion.expand("$PORT and $ alone and trailing $", ENV)).isEqualTo("$PORT and $ alone and trailing $");
        assertThat(ArgExpansion.expand("$$$${PORT}", ENV)).isEqualTo("$${PORT}");
        assertThat(ArgExpansion.expand("$$${PORT}", ENV)).isEqualTo("$8081");
    }

    @Test
    void anUnknownNameIsRefusedNamingItAndTheNamesThereAre() {
        assertThatThrownBy(() -> ArgExpansion.expand("--port=${PROT}", ENV)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("${PROT}").hasMessageContaining("MYCELIUM_SPORE_DIR, PORT").hasMessageContaining("$${");
    }

    @Test
    void anUnclosedBraceIsRefused() {
        assertThatThrownBy(() -> ArgExpansion.expand("${PORT", ENV)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no closing '}'");
    }
}
