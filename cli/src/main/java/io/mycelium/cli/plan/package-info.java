/**
 * {@code mesh plan apply}: building a plan from a file or flags (merged over the app's current
 * plan), copying the nutrients from the spore's manifest, signing it with an operator key at the
 * next revision and submitting it to an agent.
 */
package io.mycelium.cli.plan;
