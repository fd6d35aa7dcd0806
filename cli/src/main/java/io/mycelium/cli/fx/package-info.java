/**
 * {@code mesh fx}: joins the clusters as {@code mesh tui} does ({@link io.mycelium.cli.tui.ConsoleOptions})
 * and opens the JavaFX dashboard in a window, or renders it headless to a PNG ({@code --snapshot}).
 */
package io.mycelium.cli.fx;
