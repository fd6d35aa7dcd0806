package io.mycelium.console.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mycelium.console.form.PlanDraft.Field;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.model.UpdateStrategy;
import io.mycelium.spore.digest.Digest;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlanDraftTest {
    private static final Digest V1 = Digest.of("v1".getBytes());
    private static final Digest V2 = Digest.of("v2".getBytes());

    @Test
    void eachFieldIsCheckedAsTypedWithThePlansOwnRules() {
        PlanDraft d = PlanDraft.empty();
        assertThat(d.problem(Field.APP)).hasValueSatisfying(p -> assertThat(p).startsWith("needed: the app's name"));
        assertThat(d.with(Field.APP, "Bad Name!").problem(Field.APP)).isPresent();
        assertThat(d.with(Field.APP, "billing").problem(Field.APP)).isEmpty();
        assertThat(d.with(Field.DIGEST, "sha256:12").problem(Field.DIGEST)).hasValueSatisfying(p -> assertThat(p).contains("digest"));
        assertThat(d.with(Field.DIGEST, V1.toString()).problem(Field.DIGEST)).isEmpty();
        assertThat(d.with(Field.INSTANCES, "three").problem(Field.INSTANCES)).hasValue("'three' is not a whole number");
        assertThat(d.with(Field.INSTANCES, "10001").problem(Field.INSTANCES)).hasValueSatisfying(p -> assertThat(p).contains("0-10000"));
        assertThat(d.with(Field.STRATEGY, "big-bang").problem(Field.STRATEGY))
                .hasValue("'big-bang' is not one of surge, blue-green, rolling, canary");
        assertThat(d.firstProblem()).hasValueSatisfying(p -> assertThat(p).startsWith("app: "));
    }

    @Test
    void aValidDraftKeepsTheRestOfTheCurrentPlan() {
        Plan current = Plan.of("billing", V1, 3).withNutrients(250, 128).withEnv(Map.of("MODE", "live"));
        PlanDraft d = PlanDraft.of(current);
        assertThat(d).isEqualTo(new PlanDraft("billing", V1.toString(), "3", "surge"));
        Plan next = d.with(Field.DIGEST, V2.toString()).with(Field.INSTANCES, "5").with(Field.STRATEGY, "blue-green").plan(Optional.of(current));
        assertThat(next.digest()).isEqualTo(V2);
        assertThat(next.instances()).isEqualTo(5);
        assertThat(next.env()).containsEntry("MODE", "live");
        assertThat(next.strategy().kind()).isEqualTo(UpdateStrategy.Kind.BLUE_GREEN);
        Plan fresh = new PlanDraft("web", V2.toString(), "2", "rolling").plan(Optional.empty());
        assertThat(fresh).isEqualTo(Plan.of("web", V2, 2).withStrategy(new UpdateStrategy(UpdateStrategy.Kind.ROLLING, 1, 0)));
        assertThatThrownBy(() -> d.with(Field.INSTANCES, "-1").plan(Optional.of(current))).hasMessageStartingWith("instances: ");
    }
}
