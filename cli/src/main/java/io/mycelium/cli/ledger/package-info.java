/**
 * {@code mesh ledger}: the nutrient ledger as a whole, per app (balance, rate, spend, burn, time to
 * empty) and per node (capacity, use, burn, price), from the client module's budget rows.
 */
package io.mycelium.cli.ledger;
