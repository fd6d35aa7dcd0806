package io.mycelium.agent.meter;

import io.mycelium.agent.cgroup.CgroupStats;
import io.mycelium.agent.instance.InstanceStatus;
import io.mycelium.fabric.model.Price;
import io.mycelium.fabric.model.Usage;
import io.mycelium.spore.time.Clock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The agent's meter loop (thread {@code agent-meter}): every interval it reads what each running
 * instance's process group uses, charges it into the {@link UsageBook}, saves the book and
 * publishes the app records that changed ({@link PublishThrottle}: at once when an app's instance
 * count or burn rate changed, else every 10 s). One error handler: a failed tick is logged and the next
 * one tries again.
 */
public final class Meter implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Meter.class.getName());

    private final UsageBook book;
    private final InstanceReadings readings;
    private final Supplier<List<InstanceStatus>> instances;
    private final Supplier<Price> price;
    private final Consumer<Usage> publish;
    private Runnable afterTick = () -> { };
    private final PublishThrottle throttle = new PublishThrottle();
    private final Clock clock;
    private final ScheduledExecutorService executor;

    private Meter(UsageBook book, InstanceReadings readings, Supplier<List<InstanceStatus>> instances, Supplier<Price> price,
                  Consumer<Usage> publish, Clock clock) {
        this.book = book;
        this.readings = readings;
        this.instances = Objects.requireNonNull(instances, "instances");
        this.price = Objects.requireNonNull(price, "price");
        this.publish = Objects.requireNonNull(publish, "publish");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "agent-meter");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * A meter whose counters live in {@code file}; it publishes the saved counters at once (so a
     * restarted agent's records carry on from them) and then charges every {@code interval}. An
     * instance is read from its cgroup ({@code cgroups}, by instance id) where it has one, from /proc otherwise.
     */
    public static Meter start(Path file, Supplier<List<InstanceStatus>> instances, Function<String, Optional<CgroupStats>> cgroups,
                              Supplier<Price> price, Consumer<Usage> publish, Clock clock, Duration interval) throws IOException {
        Meter m = new Meter(UsageBook.open(file), new InstanceReadings(new GroupUsage(Path.of("/proc")), cgroups), instances, price,
                publish, clock);
        m.book.apps().values().forEach(publish);
        long ms = Math.max(1, interval.toMillis());
        m.executor.scheduleWithFixedDelay(m::guardedTick, 0, ms, TimeUnit.MILLISECONDS);
        return m;
    }

    private void guardedTick() {
        try {
            tick();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "meter: tick failed, trying again at the next one: " + e.getMessage(), e);
        }
    }

    /** One charge: read, charge, save, publish. */
    void tick() throws IOException {
        List<InstanceStatus> live = instances.get().stream().filter(i -> i.pid() > 0 && i.state().active()).toList();
        Map<String, GroupUsage.Reading> read = readings.read(live);
        List<UsageBook.Running> running = new ArrayList<>();
        for (InstanceStatus i : live) {
            GroupUsage.Reading r = read.get(i.instanceId());
            if (r != null) {
                running.add(new UsageBook.Running(i.instanceId(), i.app(), r.cpuMillis(), r.rssMb()));
            }
        }
        long now = clock.millis();
        List<Usage> changed = book.charge(running, price.get(), now);
        book.save();
        throttle.due(changed, now).forEach(publish);
        afterTick.run();
    }

    /** Something to run after every charge on the meter's thread (the agent publishes its scale decisions). */
    public Meter alsoEachTick(Runnable r) {
        afterTick = Objects.requireNonNull(r, "r");
        return this;
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
