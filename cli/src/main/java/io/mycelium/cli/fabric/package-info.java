/**
 * The fabric's commands: {@code mesh fabric simulate} (the dissemination on an in-memory network
 * under a fake clock), {@code mesh fabric member} (one bare member with a status server),
 * {@code mesh fabric keygen} (a cluster keyring), and {@code mesh nodes} / {@code mesh state},
 * which print what one member sees.
 */
package io.mycelium.cli.fabric;
