package io.mycelium.agent.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AgentJvmOptionsTest {
    @Test
    void theRecommendedFlagsAreJvmFlagsWithABoundedHeapAndNoComments() {
        List<String> flags = AgentJvmOptions.recommended();
        assertThat(flags).isNotEmpty().allMatch(f -> f.startsWith("-")).noneMatch(f -> f.contains("#") || f.isBlank());
        assertThat(flags).contains("-XX:+UseSerialGC").anyMatch(f -> f.startsWith("-Xmx"));
    }

    @Test
    void java21GaGetsNoNativeHeapTrimmingWhichItDoesNotKnow() {
        assertThat(AgentJvmOptions.recommendedFor(Runtime.Version.parse("21.0.5"))).anyMatch(f -> f.startsWith("-XX:TrimNativeHeapInterval"));
        assertThat(AgentJvmOptions.recommendedFor(Runtime.Version.parse("21"))).noneMatch(f -> f.startsWith("-XX:TrimNativeHeapInterval"))
                .contains("-XX:+UseSerialGC");
        assertThat(AgentJvmOptions.recommendedFor(Runtime.Version.parse("25"))).anyMatch(f -> f.startsWith("-XX:TrimNativeHeapInterval"));
    }
}
