package io.mycelium.console.fx;

import io.mycelium.console.model.ConsoleModel;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * Opens the dashboard: in a window until it is closed, or headless into a PNG. Starts the JavaFX
 * toolkit itself (no {@code Application} subclass), so the CLI can call it like any method.
 */
public final class FxConsole {
    /** JavaFX's own logger, held so that its level stays set. */
    private static final java.util.logging.Logger JAVAFX_LOG = java.util.logging.Logger.getLogger("javafx");

    private FxConsole() {
    }

    /** Why the toolkit cannot open a window here, or empty when it can (a display is set). */
    public static java.util.Optional<String> noDisplay() {
        String display = System.getenv("DISPLAY");
        String wayland = System.getenv("WAYLAND_DISPLAY");
        boolean monocle = "Monocle".equalsIgnoreCase(System.getProperty("glass.platform"));
        if (!monocle && (display == null || display.isBlank()) && (wayland == null || wayland.isBlank())) {
            return java.util.Optional.of("no display: set DISPLAY (or run under xvfb-run -a), or render a PNG with --snapshot FILE.png");
        }
        return java.util.Optional.empty();
    }

    /** Shows the dashboard in a window and returns when it is closed (or {@code q}). */
    public static void window(ConsoleModel model, Theme theme, LongSupplier clock, double width, double height) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        startToolkit();
        Platform.setImplicitExit(false);
        Platform.runLater(() -> {
            Dashboard d = new Dashboard(model, theme, clock);
            Stage stage = new Stage();
            stage.setTitle("Mycelium Mesh: " + model.current().name());
            stage.setScene(d.scene(width, height));
            d.onQuit(stage::close);
            stage.setOnHidden(e -> {
                d.stop();
                closed.countDown();
            });
            d.start();
            stage.show();
        });
        closed.await();
        Platform.exit();
    }

    /**
     * Renders the main view to {@code png} at {@code width} x {@code height}: waits until the model
     * has seen the cluster ({@code ready}) or {@code waitMs} passed, then snapshots the scene.
     */
    public static void snapshot(ConsoleModel model, Theme theme, LongSupplier clock, Path png, int width, int height,
                                java.util.function.BooleanSupplier ready, long waitMs) throws IOException, InterruptedException {
        startToolkit();
        long deadline = System.currentTimeMillis() + waitMs;
        AtomicReference<Dashboard> dash = new AtomicReference<>();
        onFx(() -> {
            Dashboard d = new Dashboard(model, theme, clock);
            Stage stage = new Stage();
            stage.setScene(d.scene(width, height));
            stage.show();
            dash.set(d);
        });
        while (System.currentTimeMillis() < deadline) {
            boolean[] ok = new boolean[1];
            onFx(() -> {
                dash.get().frame(System.nanoTime());
                ok[0] = ready.getAsBoolean();
            });
            if (ok[0]) {
                break;
            }
            Thread.onSpinWait();
            TimeUnit.MILLISECONDS.sleep(100);
        }
        AtomicReference<IOException> failed = new AtomicReference<>();
        onFx(() -> {
            Dashboard d = dash.get();
            d.frame(System.nanoTime());
            d.update();
            d.graph.fit();
            d.frame(System.nanoTime());
            d.fps.setVisible(false); // a rate of a few frames rendered on demand says nothing
            try {
                write(d.scene(width, height), png);
            } catch (IOException e) {
                failed.set(e);
            }
            ((Stage) d.scene(width, height).getWindow()).close();
        });
        if (failed.get() != null) {
            throw failed.get();
        }
        Platform.exit();
    }

    /** Writes what {@code scene} shows to {@code png}. FX thread. */
    public static void write(Scene scene, Path png) throws IOException {
        WritableImage img = scene.snapshot(null);
        BufferedImage b = SwingFXUtils.fromFXImage(img, null);
        Path dir = png.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        ImageIO.write(b, "png", png.toFile());
    }

    /** Starts the JavaFX toolkit once (later calls find it running); waits up to 30 s. */
    public static void startToolkit() throws InterruptedException {
        // JavaFX warns on every start that it runs from the class path ("Unsupported JavaFX
        // configuration"), which is how mesh ships it: keep its own logger to real errors.
        JAVAFX_LOG.setLevel(java.util.logging.Level.SEVERE);
        CountDownLatch up = new CountDownLatch(1);
        try {
            Platform.startup(up::countDown);
        } catch (IllegalStateException already) {
            up.countDown();
        }
        if (!up.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the JavaFX toolkit did not start in 30 s");
        }
    }

    private static void onFx(Runnable r) throws InterruptedException {
        onFx(() -> {
            r.run();
            return null;
        });
    }

    /** Runs {@code call} on the FX thread and returns what it returned (or throws what it threw); waits up to 60 s. */
    public static <T> T onFx(java.util.function.Supplier<T> call) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<T> out = new AtomicReference<>();
        AtomicReference<RuntimeException> failed = new AtomicReference<>();
        Platform.runLater(() -> {
            try {
                out.set(call.get());
            } catch (RuntimeException e) {
                failed.set(e);
            } finally {
                done.countDown();
            }
        });
        if (!done.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the JavaFX thread did not answer in 60 s");
        }
        if (failed.get() != null) {
            throw failed.get();
        }
        return out.get();
    }
}
