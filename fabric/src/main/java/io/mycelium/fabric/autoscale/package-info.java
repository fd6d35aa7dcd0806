/**
 * SLO-aware autoscaling: {@link io.mycelium.fabric.autoscale.Autoscaler#decide} is a pure function
 * of the view and the clock that turns the live edges' p99 and requests/s, the manifest's
 * {@code slo.p99_budget_ms} and the app's budget into a desired count between the budget's min and
 * max (an HPA-like formula with a tolerance band, a scale-in stabilisation window and a cooldown,
 * and no scale-out the budget cannot pay for), as a {@link io.mycelium.fabric.model.ScaleDecision}.
 */
package io.mycelium.fabric.autoscale;
