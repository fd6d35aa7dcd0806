package io.mycelium.spore.manifest;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The service level the workload promises; rollouts and autoscaling compare against it.
 *
 * @param p99BudgetMs the 99th-percentile latency budget in milliseconds (0: none)
 * @param extra       fields this version does not know, kept and signed
 */
public record Slo(long p99BudgetMs, @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {
    public Slo {
        Manifests.requireNonNegative(p99BudgetMs, "slo.p99_budget_ms");
        extra = Extras.copy(extra);
    }

    public Slo(long p99BudgetMs) {
        this(p99BudgetMs, Map.of());
    }
}
