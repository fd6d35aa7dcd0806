package io.mycelium.console.tui;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.Screen;
import io.mycelium.console.command.Completer;
import io.mycelium.console.command.Front;
import io.mycelium.console.command.HelpTable;
import io.mycelium.console.command.KeyBinding.Binding;
import io.mycelium.console.command.RolloutAction;
import io.mycelium.console.form.PlanDraft;
import io.mycelium.console.model.ClusterSession;
import io.mycelium.console.model.CommandResult;
import io.mycelium.console.model.ConsoleModel;
import io.mycelium.console.view.Route;
import io.mycelium.console.view.Table;
import io.mycelium.console.view.ViewKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The terminal console over a Lanterna {@link Screen}. {@link #run} owns the console's thread: it
 * waits for a key, a fabric change (sources wake it) or what the model has due (ages, once a
 * second), refreshes the model, and paints a {@link Frame}. A frame equal to the one on screen is
 * not handed to Lanterna at all; one that differs is drawn with Lanterna's delta refresh (only
 * changed cells are written). Fabric changes are drawn at most 4 times a second while no key is
 * pressed (a burst costs one frame; a key is handled and drawn at once). Keys are read on a thread
 * of their own, {@code tui-input}. Tests drive {@link #press} and {@link #draw} on a virtual terminal.
 */
public final class TerminalConsole {
    private static final Object WAKE = new Object();
    /** Keys are polled (see {@link #readKeys}); 40 ms is below what a typist notices, and an idle console wakes 25 times a second for it. */
    private static final long KEY_POLL_NANOS = 40_000_000;
    /** Fabric changes are drawn at most once per this period while no key is pressed (4 frames a second). */
    static final long MIN_FRAME_NANOS = 250_000_000;

    private final ConsoleModel model;
    private final Screen screen;
    private final UiState ui = new UiState();
    private final Painter painter;
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private volatile boolean running = true;
    /** The frame on screen and its cursor (null: hidden), to skip frames that show nothing new. */
    private Frame shown;
    private TerminalPosition shownCursor;
    private long painted;
    private volatile long frames;

    public TerminalConsole(ConsoleModel model, Screen screen) {
        this.model = Objects.requireNonNull(model, "model");
        this.screen = Objects.requireNonNull(screen, "screen");
        this.painter = new Painter(model, ui);
        for (ClusterSession s : model.sessions()) {
            s.source().onChange(() -> events.offer(WAKE));
        }
    }

    /** Runs until {@code q}, ctrl-c or end of input; the screen is started and stopped here. */
    public void run() throws IOException {
        screen.startScreen();
        Thread input = Thread.ofPlatform().daemon().name("tui-input").start(this::readKeys);
        try {
            paint(Screen.RefreshType.COMPLETE);
            while (running) {
                Object e = events.poll(model.msUntilDue(), TimeUnit.MILLISECONDS);
                boolean pressed = false;
                while (e != null && running) {
                    if (e instanceof KeyStroke k) {
                        running = handle(k);
                        pressed = true;
                    }
                    e = events.poll();
                }
                if (!pressed && running) {
                    pressed = coalesce();
                }
                boolean resized = screen.doResizeIfNecessary() != null;
                if (running && (model.refresh() | pressed | resized)) {
                    paint(resized ? Screen.RefreshType.COMPLETE : Screen.RefreshType.DELTA);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            running = false;
            input.interrupt();
            screen.stopScreen();
        }
    }

    /**
     * Waits until {@link #MIN_FRAME_NANOS} have passed since the last paint, so that fabric changes
     * coming faster are drawn together; a key ends the wait at once (handled here). True if a key was pressed.
     */
    private boolean coalesce() throws InterruptedException {
        long wait = painted + MIN_FRAME_NANOS - System.nanoTime();
        while (running && wait > 0) {
            Object e = events.poll(wait, TimeUnit.NANOSECONDS);
            if (e instanceof KeyStroke k) {
                running = handle(k);
                return true;
            }
            wait = painted + MIN_FRAME_NANOS - System.nanoTime();
        }
        return false;
    }

    /** How many frames were handed to Lanterna (frames equal to the one on screen are not). */
    long frames() {
        return frames;
    }

    /** Ends {@link #run} from another thread (a shutdown hook). */
    public void stop() {
        running = false;
        events.offer(WAKE);
    }

    /**
     * Polls for keys: Lanterna's blocking {@code readInput} holds the terminal's lock on some
     * terminals (the virtual one), which would stop every redraw while no key comes.
     */
    private void readKeys() {
        try {
            while (running) {
                KeyStroke k = screen.pollInput();
                if (k == null) {
                    java.util.concurrent.locks.LockSupport.parkNanos(KEY_POLL_NANOS);
                    continue;
                }
                events.offer(k);
                if (k.getKeyType() == KeyType.EOF) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            events.offer(new KeyStroke(KeyType.EOF));
        }
    }

    /** Handles one key and redraws; false once the console should end. */
    public boolean press(KeyStroke k) {
        boolean go = handle(k);
        draw();
        return go;
    }

    /** Refreshes the model and redraws the whole frame (Lanterna sends only the cells that changed). */
    public void draw() {
        model.refresh();
        paint(Screen.RefreshType.DELTA);
    }

    /**
     * Paints a frame and hands it to Lanterna unless it equals the one on screen; after a resize the
     * whole screen is rewritten (the terminal may have scrolled or wrapped).
     */
    private void paint(Screen.RefreshType how) {
        painted = System.nanoTime();
        TerminalSize size = screen.getTerminalSize();
        Frame frame = new Frame(size);
        painter.paint(frame, size);
        TerminalPosition cursor = painter.cursor(size);
        if (how != Screen.RefreshType.COMPLETE && frame.equals(shown) && Objects.equals(cursor, shownCursor)) {
            return;
        }
        frame.drawOn(screen.newTextGraphics());
        screen.setCursorPosition(cursor);
        try {
            screen.refresh(how);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw on the terminal", e);
        }
        shown = frame;
        shownCursor = cursor;
        frames++;
    }

    boolean handle(KeyStroke k) {
        return switch (ui.mode) {
            case COMMAND -> editLine(k, true);
            case FILTER -> editLine(k, false);
            case CONFIRM -> confirm(k);
            case ROLLOUT_MENU -> rolloutMenu(k);
            case OVERLAY -> overlay(k);
            case FORM -> form(k);
            case BROWSE -> browse(k);
        };
    }

    private boolean browse(KeyStroke k) {
        Optional<Binding> b = KeyMap.of(k);
        if (b.isEmpty()) {
            return true;
        }
        Table table = model.table();
        int page = Math.max(1, screen.getTerminalSize().getRows() - Painter.TOP - Painter.BOTTOM - 1);
        ui.say("", false);
        switch (b.get()) {
            case COMMAND -> startLine(UiState.Mode.COMMAND, "");
            case FILTER -> startLine(UiState.Mode.FILTER, model.navigator().state().filter());
            case HELP -> ui.overlay("help", HelpTable.text(model.readonly(), Front.TERMINAL));
            case VIEW -> {
                return show(model.run(":" + KeyMap.view(k).command()));
            }
            case DRILL -> {
                if (!model.drill()) {
                    ui.say("nothing to drill into here", false);
                }
            }
            case BACK -> {
                if (!model.navigator().state().filter().isEmpty()) {
                    model.navigator().state(model.navigator().state().withFilter(""));
                } else {
                    model.navigator().back();
                }
            }
            case LOGS -> logs();
            case DESCRIBE -> ui.overlay("describe " + model.selectedKey().orElse(""), model.describe());
            case SCALE -> actionOnApp("scale", app -> startLine(UiState.Mode.COMMAND, "scale " + app + " "));
            case ROLLOUT -> actionOnApp("rollout", app -> {
                ui.menuApp = app;
                ui.mode = UiState.Mode.ROLLOUT_MENU;
            });
            case PLAN -> {
                if (model.readonly()) {
                    ui.say("plan: this console is read-only", true);
                } else {
                    return show(model.run(":plan"));
                }
            }
            case STOP -> {
                if (model.readonly()) {
                    ui.say("stop: this console is read-only", true);
                } else if (model.navigator().route().view() != ViewKind.INSTANCES || model.selectedKey().isEmpty()) {
                    ui.say("stop: select an instance first (:instances, then ctrl-k)", true);
                } else {
                    return show(model.run(":stop " + model.selectedKey().get()));
                }
            }
            case NEXT_CLUSTER -> model.nextCluster();
            case ALL_CLUSTERS -> model.toggleMerged();
            case SORT -> model.sortNext();
            case SORT_FLIP -> model.sortFlip();
            case UP -> model.navigator().move(table, -1);
            case DOWN -> model.navigator().move(table, 1);
            case PAGE_UP -> model.navigator().move(table, -page);
            case PAGE_DOWN -> model.navigator().move(table, page);
            case TOP -> model.navigator().move(table, -table.rows().size());
            case BOTTOM -> model.navigator().move(table, table.rows().size());
            case QUIT -> {
                return false;
            }
        }
        return true;
    }

    private void logs() {
        Optional<String> key = model.selectedKey();
        ViewKind v = model.navigator().route().view();
        if (key.isPresent() && (v == ViewKind.INSTANCES || v == ViewKind.APPS || v == ViewKind.ROLLOUTS)) {
            model.navigator().go(new Route(ViewKind.LOGS, key.get()));
        } else {
            ui.say("select an instance or an app first (l shows its logs)", true);
        }
    }

    private void actionOnApp(String what, java.util.function.Consumer<String> then) {
        if (model.readonly()) {
            ui.say(what + ": this console is read-only", true);
            return;
        }
        Optional<String> app = model.selectedApp();
        if (app.isEmpty()) {
            ui.say(what + ": select an app (in apps, instances or rollouts) first", true);
            return;
        }
        then.accept(app.get());
    }

    private void startLine(UiState.Mode mode, String text) {
        ui.mode = mode;
        ui.line.setLength(0);
        ui.line.append(text);
        ui.completions = java.util.List.of();
    }

    private boolean editLine(KeyStroke k, boolean command) {
        switch (k.getKeyType()) {
            case Escape -> {
                if (!command) {
                    model.navigator().state(model.navigator().state().withFilter(""));
                }
                ui.mode = UiState.Mode.BROWSE;
            }
            case Enter -> {
                ui.mode = UiState.Mode.BROWSE;
                if (command) {
                    return show(model.run(ui.line.toString()));
                }
            }
            case Backspace -> {
                if (!ui.line.isEmpty()) {
                    ui.line.setLength(ui.line.length() - 1);
                } else {
                    ui.mode = UiState.Mode.BROWSE;
                }
            }
            case Tab -> {
                if (command) {
                    Completer.Completion c = model.complete(ui.line.toString());
                    ui.line.setLength(0);
                    ui.line.append(c.line().startsWith(":") ? c.line().substring(1) : c.line());
                    ui.completions = c.options();
                }
            }
            case Character -> {
                if (KeyMap.isText(k)) {
                    ui.line.append(k.getCharacter());
                    ui.completions = java.util.List.of();
                }
            }
            case EOF -> {
                return false;
            }
            default -> {
            }
        }
        if (!command) {
            model.navigator().state(model.navigator().state().withFilter(ui.line.toString()));
        }
        return true;
    }

    /** Shows a command's result; false when it asks the console to end. */
    private boolean show(CommandResult r) {
        switch (r.status()) {
            case OK -> ui.say(r.message(), false);
            case FAILED -> ui.say(r.message(), true);
            case CONFIRM -> {
                ui.say(r.message(), false);
                ui.mode = UiState.Mode.CONFIRM;
            }
            case FORM -> {
                ui.say(r.message() + " (tab moves between fields)", false);
                ui.formField = 0;
                ui.mode = UiState.Mode.FORM;
            }
            case HELP -> ui.overlay("help", HelpTable.text(model.readonly(), Front.TERMINAL));
            case QUIT -> {
                return false;
            }
        }
        return true;
    }

    /** Edits the plan form: each key changes the draft, which the painter checks and shows as typed. */
    private boolean form(KeyStroke k) {
        PlanDraft draft = model.form().orElse(null);
        if (draft == null) {
            ui.mode = UiState.Mode.BROWSE;
            return true;
        }
        int fields = PlanDraft.Field.values().length;
        PlanDraft.Field f = PlanDraft.Field.values()[ui.formField];
        switch (k.getKeyType()) {
            case Escape -> {
                model.closeForm();
                ui.mode = UiState.Mode.BROWSE;
                ui.say("plan form: cancelled", false);
            }
            case Tab, ArrowDown -> ui.formField = (ui.formField + 1) % fields;
            case ReverseTab, ArrowUp -> ui.formField = (ui.formField + fields - 1) % fields;
            case Backspace -> {
                String v = draft.value(f);
                model.editForm(draft.with(f, v.isEmpty() ? v : v.substring(0, v.length() - 1)));
            }
            case Character -> {
                if (KeyMap.isText(k)) {
                    model.editForm(draft.with(f, draft.value(f) + k.getCharacter()));
                }
            }
            case Enter -> {
                CommandResult r = model.submitForm();
                if (r.status() == CommandResult.Status.FAILED) {
                    ui.say(r.message(), true);
                } else {
                    ui.mode = UiState.Mode.BROWSE;
                    return show(r);
                }
            }
            case EOF -> {
                return false;
            }
            default -> {
            }
        }
        return true;
    }

    private boolean confirm(KeyStroke k) {
        boolean yes = k.getKeyType() == KeyType.Character && (k.getCharacter() == 'y' || k.getCharacter() == 'Y');
        ui.mode = UiState.Mode.BROWSE;
        return show(model.confirm(yes));
    }

    private boolean rolloutMenu(KeyStroke k) {
        ui.mode = UiState.Mode.BROWSE;
        if (k.getKeyType() != KeyType.Character) {
            ui.say("rollout: cancelled", false);
            return true;
        }
        Optional<RolloutAction> a = RolloutAction.ofKey(k.getCharacter());
        if (a.isEmpty()) {
            ui.say("rollout: '" + k.getCharacter() + "' is none of p z c a u", true);
            return true;
        }
        return show(model.run(":rollout " + a.get().word() + " " + ui.menuApp));
    }

    private boolean overlay(KeyStroke k) {
        switch (k.getKeyType()) {
            case ArrowDown -> ui.overlayOffset++;
            case ArrowUp -> ui.overlayOffset = Math.max(0, ui.overlayOffset - 1);
            case PageDown -> ui.overlayOffset += 10;
            case PageUp -> ui.overlayOffset = Math.max(0, ui.overlayOffset - 10);
            case Character -> {
                if (k.getCharacter() == 'q') {
                    ui.mode = UiState.Mode.BROWSE;
                }
            }
            default -> ui.mode = UiState.Mode.BROWSE;
        }
        ui.overlayOffset = Math.min(ui.overlayOffset, Math.max(0, ui.overlay.size() - 1));
        return true;
    }
}
