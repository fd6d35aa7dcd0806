/**
 * Who is in the cluster: the {@link io.mycelium.fabric.membership.Membership} boundary with its
 * SWIM implementation on ScaleCube ({@link io.mycelium.fabric.membership.ScaleCubeMembership}, all of
 * its traffic sealed with the cluster key by {@link io.mycelium.fabric.membership.SealedScaleCubeCodec}
 * instead of Java serialization) and an in-memory one for simulation and tests.
 */
package io.mycelium.fabric.membership;
