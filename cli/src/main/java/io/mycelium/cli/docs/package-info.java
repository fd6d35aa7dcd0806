/**
 * The CLI reference: a hidden {@code mesh docs} command renders every command's own
 * {@code --help} into Markdown ({@code docs/CLI.md}), so the reference cannot drift from the code.
 */
package io.mycelium.cli.docs;
