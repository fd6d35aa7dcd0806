/**
 * A console as a member of the fabric ({@link io.mycelium.client.member.ConsoleMember}): role
 * {@code console}, the cluster key, the typed view, change events and signed submits, no
 * workloads and no server to talk to.
 */
package io.mycelium.client.member;
