/**
 * The event stream: what changed between two views (instance states, members, plans, rollout
 * commands), each operator record with its signing key id and whether that signature verifies
 * against the operator trust store: an audit trail of who did what.
 */
package io.mycelium.console.events;
