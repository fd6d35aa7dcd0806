/**
 * The one registry of keys and {@code :commands} both consoles use, the parser of a command line,
 * completion of its words from what the cluster holds, and the help table generated from the
 * registry (so help never disagrees with what the keys do).
 */
package io.mycelium.console.command;
