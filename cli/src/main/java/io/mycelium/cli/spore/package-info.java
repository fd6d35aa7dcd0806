/**
 * Spore commands: {@code mesh spore pack|verify|extract|inspect}, thin front ends over the spore
 * module's packer, verifier and extractor that print their results as a table or JSON and turn
 * every rejection into one line naming the spore and the reason.
 */
package io.mycelium.cli.spore;
