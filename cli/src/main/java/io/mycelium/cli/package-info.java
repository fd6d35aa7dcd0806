/**
 * The {@code mesh} launcher: {@link io.mycelium.cli.Main} parses the command line with picocli,
 * {@link io.mycelium.cli.Commands} registers every command in one explicit place, and the shared
 * pieces live here too: the exit codes, the one-line user errors ({@link io.mycelium.cli.MeshException}),
 * the {@code -o table|json} option and its renderer. Each command group has its own package
 * ({@code .keys}, {@code .spore}, {@code .repo}, {@code .up}, ...).
 */
package io.mycelium.cli;
