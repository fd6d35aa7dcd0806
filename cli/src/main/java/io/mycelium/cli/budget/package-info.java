/**
 * {@code mesh budget set|topup|show} and {@code mesh price set}: the ledger's signed operator
 * records, built from the cluster's view and submitted to an agent's {@code POST /v1/budgets}.
 */
package io.mycelium.cli.budget;
