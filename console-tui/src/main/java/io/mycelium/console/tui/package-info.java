/**
 * The Lanterna terminal console ({@code mesh tui}): {@link io.mycelium.console.tui.TerminalConsole}
 * runs the loop (input, model refresh, delta redraw) over any Lanterna {@code Screen};
 * {@link io.mycelium.console.tui.Painter} and {@link io.mycelium.console.tui.GraphPainter} draw the
 * console model; {@link io.mycelium.console.tui.KeyMap} maps key strokes to the registry's bindings.
 */
package io.mycelium.console.tui;
