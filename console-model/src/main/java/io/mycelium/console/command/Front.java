package io.mycelium.console.command;

/** A console front end; each key of the {@link Registry} says which of them honour it. */
public enum Front {
    /** {@code mesh tui}, the Lanterna console. */
    TERMINAL,
    /** {@code mesh fx}, the JavaFX console: its keys act while no text field has the focus. */
    DESKTOP
}
