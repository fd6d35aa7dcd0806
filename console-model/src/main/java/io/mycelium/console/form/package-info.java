/**
 * Forms the consoles draw: {@link io.mycelium.console.form.PlanDraft}, a plan being typed, checked
 * field by field with the plan's own rules as the operator types, so a console shows each problem
 * beside the field that has it and submits only a valid plan.
 */
package io.mycelium.console.form;
