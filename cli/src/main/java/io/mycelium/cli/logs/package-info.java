/** {@code mesh logs}: the last lines of an app's or instance's output, and following them as they come. */
package io.mycelium.cli.logs;
