package io.mycelium.fabric.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mycelium.fabric.model.Budget;
import io.mycelium.fabric.model.Json;
import io.mycelium.fabric.model.Price;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.fabric.model.Usage;
import org.junit.jupiter.api.Test;

/** The ledger's records: JSON as they travel, and refusals of figures that cannot be meant. */
class BudgetRecordsTest {
    @Test
    void recordsRoundTripThroughJson() {
        Budget b = new Budget("shop", 25.5, 2, 1, 4, 10, 1_000);
        assertThat(Json.write(b)).isEqualTo("{\"app\":\"shop\",\"cooldown_ms\":0,\"credits\":25.5,\"max\":4,\"min\":1,\"priority\":10,"
                + "\"rate_per_hour\":2.0,\"scale_in_window_ms\":0,\"since_ms\":1000}");
        assertThat(Json.read("{\"app\":\"shop\",\"credits\":25.5,\"max\":4,\"min\":1,\"priority\":10,\"rate_per_hour\":2.0,\"since_ms\":1000}",
                Budget.class)).as("a budget signed before the scaling fields reads with the defaults").isEqualTo(b);
        assertThat(Json.read(Json.write(b.withScaling(20_000, 3_000)), Budget.class).scaleInWindowMs()).isEqualTo(20_000);
        assertThat(Json.read(Json.write(b), Budget.class)).isEqualTo(b);
        Price p = new Price(0.002, 0.0005);
        assertThat(Json.write(p)).isEqualTo("{\"cpu_second\":0.002,\"mb_hour\":5.0E-4}");
        assertThat(Json.read(Json.write(p), Price.class)).isEqualTo(p);
        Usage u = new Usage("shop", 1500, 3_600_000, 42, 0.5, 2, 9);
        assertThat(Json.read(Json.write(u), Usage.class)).isEqualTo(u);
        assertThat(RecordKind.of(u)).isEqualTo(RecordKind.USAGE);
        assertThat(RecordKind.PRICE.operator()).isTrue();
    }

    @Test
    void absurdBudgetsAndZeroPricesAreRefusedWithTheValue() {
        assertThatThrownBy(() -> new Budget("shop", -1, 0, 0, 1, 0, 0)).hasMessage("budget shop: credits must be 0..1000000000000, got -1.0");
        assertThatThrownBy(() -> new Budget("shop", Double.NaN, 0, 0, 1, 0, 0)).hasMessageContaining("got NaN");
        assertThatThrownBy(() -> new Budget("shop", 1, 0, 3, 2, 0, 0)).hasMessage("budget shop: min 3 and max 2 must satisfy 0 <= min <= max <= 10000");
        assertThatThrownBy(() -> new Budget("shop", 1, 0, 0, 2, 5000, 0)).hasMessageContaining("priority 5000");
        assertThatThrownBy(() -> new Price(0, 1)).hasMessage("price per cpu-second must be above 0 and at most 1000000 credits, got 0.0");
        assertThatThrownBy(() -> new Usage("shop", -1, 0, 0, 0, 0, 0)).hasMessageContaining("cpu_millis must not be negative");
    }

    @Test
    void aPriceChargesCpuSecondsAndMegabyteHours() {
        Price p = new Price(0.5, 2);
        assertThat(p.cost(2000, 0)).isEqualTo(1.0);
        assertThat(p.cost(0, 1800_000)).isEqualTo(1.0); // 1 MiB for half an hour
        assertThat(Price.DEFAULT.cost(3_600_000, 0)).isEqualTo(3.6, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void theBalanceGrowsWithTheRateAndShrinksWithSpending() {
        Budget b = new Budget("shop", 10, 6, 0, 1, 0, 0);
        assertThat(Balances.at(b, 4, 0)).isEqualTo(6.0);
        assertThat(Balances.at(b, 4, 1_800_000)).isEqualTo(9.0);
        assertThat(Balances.hoursToEmpty(b, 9, 9)).isEqualTo(3.0);
        assertThat(Balances.hoursToEmpty(b, 9, 5)).isInfinite();
        assertThat(Balances.hoursToEmpty(b, -1, 5)).isZero();
        assertThat(b.plus(5).credits()).isEqualTo(15.0);
    }
}
