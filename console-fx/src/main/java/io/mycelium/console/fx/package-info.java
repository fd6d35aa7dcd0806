/**
 * The JavaFX desktop console: a {@link io.mycelium.console.fx.Dashboard} that draws one
 * {@code ConsoleModel} (the mycelium graph on a canvas, side panel for the selection, charts,
 * events, actions) and calls only its commands; {@link io.mycelium.console.fx.FxConsole} opens it
 * in a window or renders it to a PNG.
 */
package io.mycelium.console.fx;
