/**
 * Plan files as every front end reads them ({@link io.mycelium.client.plan.PlanFile}: JSON, with
 * {@code "spore"} standing in for {@code "digest"}), and the one rule that fills a plan's nutrients
 * from its spore's manifest ({@link io.mycelium.client.plan.PlanNutrients}), so {@code mesh plan
 * apply} and the consoles' {@code :apply} accept and refuse the same files.
 */
package io.mycelium.client.plan;
