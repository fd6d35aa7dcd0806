package io.mycelium.agent.meter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mycelium.agent.meter.UsageBook.Running;
import io.mycelium.fabric.model.Price;
import io.mycelium.fabric.model.Usage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageBookTest {
    private static final Price PRICE = new Price(0.01, 0.36); // 1 cpu-second: 0.01; 1 MiB for 10 s: 0.001

    @TempDir
    Path dir;

    @Test
    void chargesCpuSinceTheLastReadingAndMemoryOverTime() throws IOException {
        UsageBook book = UsageBook.open(dir.resolve("usage.json"));
        List<Usage> first = book.charge(List.of(new Running("shop-0", "shop", 2_000, 100)), PRICE, 10_000);
        assertThat(first).containsExactly(new Usage("shop", 2_000, 0, 20_000, 0, 1, 10_000));
        List<Usage> second = book.charge(List.of(new Running("shop-0", "shop", 3_000, 100), new Running("shop-1", "shop", 500, 50)), PRICE, 20_000);
        // shop-0: 1000 ms cpu (0.01) and 100 MiB x 10 s (0.1); shop-1 is new: its 500 ms (0.005), memory from the next charge
        assertThat(second).hasSize(1);
        Usage u = second.get(0);
        assertThat(u.cpuMillis()).isEqualTo(3_500);
        assertThat(u.mbMillis()).isEqualTo(1_000_000);
        assertThat(u.microCredits()).isEqualTo(20_000 + 10_000 + 100_000 + 5_000);
        assertThat(u.burnPerHour()).isCloseTo(0.115 * 360, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(u.instances()).isEqualTo(2);
    }

    @Test
    void countersNeverGoBackWhenAReadingDrops() throws IOException {
        UsageBook book = UsageBook.open(dir.resolve("usage.json"));
        Usage a = book.charge(List.of(new Running("shop-0", "shop", 5_000, 10)), PRICE, 1_000).get(0);
        Usage b = book.charge(List.of(new Running("shop-0", "shop", 4_000, 10)), PRICE, 2_000).get(0); // a child left the group
        Usage c = book.charge(List.of(), PRICE, 3_000).get(0);
        assertThat(b.covers(a)).isTrue();
        assertThat(c.covers(b)).isTrue();
        assertThat(c.instances()).isZero();
        assertThat(c.burnPerHour()).isZero();
    }

    @Test
    void aRestartedAgentDoesNotChargeTwice() throws IOException {
        Path file = dir.resolve("ledger/usage.json");
        UsageBook before = UsageBook.open(file);
        before.charge(List.of(new Running("shop-0", "shop", 2_000, 0)), PRICE, 1_000);
        before.save();
        UsageBook after = UsageBook.open(file);
        assertThat(after.apps()).isEqualTo(before.apps());
        Usage u = after.charge(List.of(new Running("shop-0", "shop", 2_500, 0)), PRICE, 2_000).get(0);
        assertThat(u.cpuMillis()).as("only the 500 ms since the saved reading").isEqualTo(2_500);
        assertThat(Files.list(file.getParent())).extracting(p -> p.getFileName().toString()).containsExactly("usage.json");
    }

    @Test
    void anUnreadableFileSaysWhatToDo() throws IOException {
        Path file = dir.resolve("usage.json");
        Files.writeString(file, "{not json");
        assertThatThrownBy(() -> UsageBook.open(file)).hasMessageContaining("move the file away");
    }

    @Test
    void readsTheCpuAndMemoryOfARealProcessGroup() {
        long[] self = GroupUsage.fields(Path.of("/proc/self/stat"));
        assertThat(self).isNotNull();
        long spin = System.nanoTime() + 200_000_000L;
        double x = 0;
        while (System.nanoTime() < spin) {
            x += Math.sqrt(x + 1);
        }
        GroupUsage.Reading r = new GroupUsage(Path.of("/proc")).read(java.util.Set.of(self[0])).get(self[0]);
        assertThat(x).isPositive();
        assertThat(r.cpuMillis()).as("this JVM has run for a while").isGreaterThanOrEqualTo(200);
        assertThat(r.rssMb()).isGreaterThan(10);
        assertThat(GroupUsage.parse("123 (a b) c)) S 1 77 77 0 -1 0 0 0 0 0 50 25 5 20 0 0 1 0 9 1000 300 x")).containsExactly(77, 100, 300);
    }
}
